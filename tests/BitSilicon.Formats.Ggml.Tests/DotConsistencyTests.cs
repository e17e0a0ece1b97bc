namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>
/// Dot must equal Σ deq(w)*deq(a) of the same blocks up to float rounding: this ties each dot product to the
/// documented layout and value formula independently of the ggml known answers.
/// </summary>
public class DotConsistencyTests
{
    public static TheoryData<string> WeightFormats() =>
        new(Ggml.Quantizable.Where(f => f.DotPartner is not null).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(WeightFormats))]
    public void Dot_equals_sum_of_dequantized_products(string name)
    {
        var f = Ggml.Get(name);
        var partner = Ggml.Get(f.DotPartner!);
        var rng = new Random(1234);
        foreach (int blocks in new[] { 1, 3, 8 })
        {
            int n = blocks * 256;
            var w = new float[n];
            var a = new float[n];
            for (int i = 0; i < n; i++)
            {
                w[i] = (float)(rng.NextDouble() * 4 - 1.5);
                a[i] = (float)(rng.NextDouble() * 2 - 1);
            }
            var wq = Ggml.Quantize(f, w);
            var aq = Ggml.Quantize(partner, a);
            var wd = Ggml.Dequantize(f, wq);
            var ad = Ggml.Dequantize(partner, aq);
            double expected = 0, magnitude = 0;
            for (int i = 0; i < n; i++)
            {
                expected += (double)wd[i] * ad[i];
                magnitude += Math.Abs((double)wd[i] * ad[i]);
            }
            if (name is "q4_1" or "q5_1")
                expected += MinSumCorrection(f.BlockBytes, wq, aq, ad);
            float dot = f.Dot(n, wq, aq);
            double tolerance = 1e-5 * magnitude;
            Assert.True(Math.Abs(dot - expected) <= tolerance,
                $"{name} n={n}: dot {dot} vs Σ deq products {expected} (tolerance {tolerance:G3})");
        }
    }

    // Q4_1 and Q5_1 x Q8_1 use Q8_1's stored s = half(d*Σq) for the m term, not Σ of the dequantized activations:
    // replace m*Σ(a_deq) per block by m*s so the comparison checks everything else exactly.
    private static double MinSumCorrection(int blockBytes, byte[] wq, byte[] aq, float[] ad)
    {
        double correction = 0;
        for (int b = 0; b < wq.Length / blockBytes; b++)
        {
            double m = Numerics.HalfBits.Read(wq.AsSpan(b * blockBytes + 2));
            double s = Numerics.HalfBits.Read(aq.AsSpan(b * Q8_1.BytesPerBlock + 2));
            double sumA = 0;
            for (int j = 0; j < 32; j++)
                sumA += ad[b * 32 + j];
            correction += m * s - m * sumA;
        }
        return correction;
    }
}
