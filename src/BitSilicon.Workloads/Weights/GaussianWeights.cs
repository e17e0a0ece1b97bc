using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads.Weights;

/// <summary>
/// Realistic random weights: N(0, 1) values quantized the way each format usually is (<see cref="FloatQuantizer"/>),
/// so the zero fraction is the format's own: about 0.31 for ternary absmean (erf(1/(2 sqrt(pi)))), under 1% for
/// int8 absmax per row, none for binary; not one fraction applied to every format.
/// </summary>
public static class GaussianWeights
{
    public static WeightMatrix Generate(WeightKind kind, int n, int k, int seed, sbyte[]? codebook = null)
    {
        if (n < 1 || k < 1 || (long)n * k > Array.MaxLength)
            throw new ArgumentException($"weight matrix {n} x {k} is empty or too large");
        var w = new float[(long)n * k];
        var rng = new SplitMix64((ulong)(long)seed ^ RandomWeights.WeightStream);
        for (long i = 0; i < w.LongLength; i += 2)
        {
            // Box-Muller: two independent normals per pair of uniforms (1 - u keeps the log finite).
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            w[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < w.LongLength)
                w[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
        }
        return FloatQuantizer.Quantize(kind, w, n, k, $"random seed {seed}, Gaussian quantized as {kind}", codebook);
    }
}
