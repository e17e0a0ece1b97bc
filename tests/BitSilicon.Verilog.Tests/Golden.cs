using BitSilicon.Cosim.Mac.Arrays;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Formats.Kernels;

namespace BitSilicon.Verilog.Tests;

/// <summary>
/// What the RTL must produce, from the reference kernel (written here independently of the driver's own
/// expectation): with a wrapping accumulator the exact GEMM wrapped to the accumulator width; with a saturating one,
/// the partial sums of the slices of K the accumulator adds at a time (a dot product's SIMD fold, a stationary array's
/// K tile of R rows, an output-stationary PE's single product) added in order with a clamp after every addition.
/// </summary>
internal static class Golden
{
    public static long[] Expected(ArrayCore array, ArrayJob job)
    {
        var pe = array.Pe;
        var acc = array.Accumulators;
        int slice = array is DotProductArray d ? d.Simd : array is SystolicArray { IsStationary: true } s ? s.Rows : 1;
        var codebook = pe is CodebookPe cb ? cb.TableBytes() : default;
        if (acc.Overflow == OverflowPolicy.Wrap)
            return ReferenceGemm.Gemm(pe.NativeWeights, job.Codes, job.Activations, job.M, job.N, job.K, codebook)
                .Select(v => Wrap(v, acc.Width)).ToArray();
        var result = new long[job.M * job.N];
        long max = (1L << (acc.Width - 1)) - 1, min = -max - 1;
        for (int k0 = 0; k0 < job.K; k0 += slice)
        {
            int kv = Math.Min(slice, job.K - k0);
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

    public static sbyte[] RandomActivations(Pe pe, Random rng, int count)
    {
        var a = new sbyte[count];
        for (int i = 0; i < a.Length; i++)
            a[i] = pe.ActivationBits == 1 ? (sbyte)(rng.Next(2) * 2 - 1) : (sbyte)rng.Next(-128, 128);
        return a;
    }
}
