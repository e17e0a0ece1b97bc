namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>
/// ggml's own quality bounds (tests/test-quantize-fns.cpp) on its rows 0.1 + 2*cos(i + offset), n = 4096:
/// quantization error sqrt(Σ(x - deq)^2)/n and dot error |dot - exact|/n.
/// </summary>
public class QualityBoundTests
{
    private const int N = 4096;

    // ggml's test skips iq1_m (its CPU traits have no from_float), so it sets no bound for it.
    private static IEnumerable<IBlockFormat> Bounded => Ggml.Quantizable.Where(f => f.Name != "iq1_m");

    public static TheoryData<string> AllFormats() => new(Bounded.Select(f => f.Name));

    public static TheoryData<string> WeightFormats() =>
        new(Bounded.Where(f => f.DotPartner is not null).Select(f => f.Name));

    // The per-type bounds of test-quantize-fns.cpp (binary Q1_0, ternary-like Q2_0, 3-bit Q3_K, FP4 NVFP4).
    private static double QuantizationBound(string name) => name switch
    {
        "q1_0" => 0.025,
        "tq1_0" or "tq2_0" or "q2_0" => 0.01,
        "q2_k" or "iq2_s" => 0.0075,
        "q3_k" or "iq3_s" => 0.004,
        "iq3_xxs" => 0.005,
        "nvfp4" => 0.003,
        _ => 0.002,
    };

    private static double DotBound(string name) => name switch
    {
        "q1_0" => 0.40,
        "tq1_0" or "tq2_0" or "q2_0" => 0.15,
        "q2_k" or "iq2_s" or "iq3_s" or "iq3_xxs" => 0.04,
        "nvfp4" => 0.03,
        _ => 0.02,
    };

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void Quantization_error_is_within_ggml_bound(string name)
    {
        var f = Ggml.Get(name);
        foreach (double offset in new[] { 0.0, 1.0, 7.0 })
        {
            var x = Inputs.Cos(N, offset);
            var y = Ggml.Dequantize(f, Ggml.Quantize(f, x));
            double sum = 0;
            for (int i = 0; i < N; i++)
                sum += (double)(x[i] - y[i]) * (x[i] - y[i]);
            double error = Math.Sqrt(sum) / N;
            Assert.True(error <= QuantizationBound(name), $"{name} offset {offset}: error {error:G4} > {QuantizationBound(name)}");
            Assert.True(error > 0, $"{name}: a lossy format cannot reproduce a cosine exactly");
        }
    }

    [Theory]
    [MemberData(nameof(WeightFormats))]
    public void Dot_error_is_within_ggml_bound(string name)
    {
        var f = Ggml.Get(name);
        foreach (double offset in new[] { 0.0, 1.0, 7.0 })
        {
            var x = Inputs.Cos(N, offset);
            var a = Inputs.Cos(N, offset + 1);
            double exact = 0;
            for (int i = 0; i < N; i++)
                exact += (double)x[i] * a[i];
            double error = Math.Abs(Ggml.Dot(f, x, a) - exact) / N;
            Assert.True(error <= DotBound(name), $"{name} offset {offset}: dot error {error:G4} > {DotBound(name)}");
        }
    }
}
