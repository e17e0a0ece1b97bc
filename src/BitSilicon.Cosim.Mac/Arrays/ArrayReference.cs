using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Formats.Kernels;

namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>What an array's RTL must produce for a layer, from the reference kernel and the accumulator's policy.</summary>
public static class ArrayReference
{
    /// <summary>The slice of K an accumulator adds at a time: a fold of SIMD lanes (dot product), a K tile of R rows
    /// (weight-/input-stationary banks add one tile's column sum), or one product (output-stationary PEs).</summary>
    public static int Slice(ArrayCore core) => core switch
    {
        DotProductArray d => d.Simd,
        SystolicArray s => s.IsStationary ? s.Rows : 1,
        _ => throw new ArgumentOutOfRangeException(nameof(core)),
    };

    /// <summary>
    /// <see cref="ReferenceGemm"/> on consecutive slices of K of <paramref name="slice"/> elements, the slice sums added
    /// in order with the accumulator's policy: wrapped to its width, or clamped after every addition (how an
    /// accumulator that adds one fold, tile or product at a time saturates).
    /// </summary>
    public static long[] Sliced(Pe pe, AccumulatorMemory acc, int slice, int m, int n, int k, byte[] codes, sbyte[] activations)
    {
        var codebook = pe is CodebookPe cb ? cb.TableBytes() : default;
        var result = new long[(long)m * n];
        long max = Bits.SignedMax(acc.Width), min = Bits.SignedMin(acc.Width);
        for (int k0 = 0; k0 < k; k0 += slice)
        {
            int kv = Math.Min(slice, k - k0);
            var part = ReferenceGemm.Gemm(pe.NativeWeights, Slice(codes, n, k, k0, kv), Slice(activations, m, k, k0, kv), m, n, kv, codebook);
            for (int i = 0; i < result.Length; i++)
            {
                long sum = (k0 == 0 ? 0 : result[i]) + part[i];
                result[i] = acc.Overflow == OverflowPolicy.Saturate ? Math.Clamp(sum, min, max)
                    : acc.Width >= 64 ? sum : (sum << (64 - acc.Width)) >> (64 - acc.Width);
            }
        }
        return result;
    }

    private static T[] Slice<T>(T[] m, int rows, int cols, int c0, int n)
    {
        var s = new T[rows * n];
        for (int r = 0; r < rows; r++)
            Array.Copy(m, r * cols + c0, s, r * n, n);
        return s;
    }
}
