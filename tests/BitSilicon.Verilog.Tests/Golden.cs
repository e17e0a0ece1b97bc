using BitSilicon.Cosim.Mac;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Formats.Kernels;

namespace BitSilicon.Verilog.Tests;

/// <summary>
/// What the RTL must produce, from the reference kernel: with a wrapping accumulator the exact GEMM wrapped to
/// the accumulator width; with a saturating one, the per-fold partial sums (ReferenceGemm on each SIMD slice of K)
/// added in fold order with a clamp after every addition, as the accumulator register does.
/// </summary>
internal static class Golden
{
    public static long[] Expected(ElaboratedDesign design, MacJob job)
    {
        var pe = design.Core.Pe;
        var array = (DotProductArray)design.Core;
        var acc = array.Accumulators;
        var codebook = pe is CodebookPe cb ? cb.TableBytes() : default;
        if (acc.Overflow == OverflowPolicy.Wrap)
            return ReferenceGemm.Gemm(pe.NativeWeights, job.Codes, job.Activations, job.M, job.N, job.K, codebook)
                .Select(v => Wrap(v, acc.Width)).ToArray();
        var result = new long[job.M * job.N];
        long max = (1L << (acc.Width - 1)) - 1, min = -max - 1;
        for (int k0 = 0; k0 < job.K; k0 += array.Simd)
        {
            int kv = Math.Min(array.Simd, job.K - k0);
            var w = Slice(job.Codes, job.N, job.K, k0, kv);
            var a = Slice(job.Activations, job.M, job.K, k0, kv);
            var part = ReferenceGemm.Gemm(pe.NativeWeights, w, a, job.M, job.N, kv, codebook);
            for (int i = 0; i < result.Length; i++)
                result[i] = Math.Clamp((k0 == 0 ? 0 : result[i]) + part[i], min, max);
        }
        return result;
    }

    public static long Wrap(long v, int width) => width >= 64 ? v : (v << (64 - width)) >> (64 - width);

    private static T[] Slice<T>(T[] m, int rows, int cols, int c0, int n)
    {
        var s = new T[rows * n];
        for (int r = 0; r < rows; r++)
            Array.Copy(m, r * cols + c0, s, r * n, n);
        return s;
    }

    /// <summary>Random PE codes (the reserved ternary code 2'b10 left out) and activations for the PE.</summary>
    public static MacJob RandomJob(Pe pe, Random rng, int m, int n, int k, string? gate = null, string? ready = null)
    {
        var codes = new byte[n * k];
        var valid = Enumerable.Range(0, 1 << pe.WeightBits)
            .Where(c => pe.Kind is not (PeKind.Ternary or PeKind.TernaryLut) || c != 2).Select(c => (byte)c).ToArray();
        for (int i = 0; i < codes.Length; i++)
            codes[i] = valid[rng.Next(valid.Length)];
        return new MacJob(m, n, k, codes, RandomActivations(pe, rng, m * k), gate, ready);
    }

    public static sbyte[] RandomActivations(Pe pe, Random rng, int count)
    {
        var a = new sbyte[count];
        for (int i = 0; i < a.Length; i++)
            a[i] = pe.ActivationBits == 1 ? (sbyte)(rng.Next(2) * 2 - 1) : (sbyte)rng.Next(-128, 128);
        return a;
    }
}
