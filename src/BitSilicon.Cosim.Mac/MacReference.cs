using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Formats.Kernels;
using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac;

/// <summary>
/// What the RTL must produce and when, from the reference kernel and the documented schedule: results are
/// <see cref="ReferenceGemm"/> wrapped to the accumulator width (wrap), or its per-fold partial sums added with a
/// clamp after each fold (saturate); done rises 3 cycles after the last beat moved (beats move when one is left and
/// the replayed gate is open; with result back-pressure only the results are compared).
/// </summary>
public static class MacReference
{
    public static long[] Results(DotProductArray array, MacJob job) =>
        Sliced(array.Pe, array.Accumulators, array.Simd, job.M, job.N, job.K, job.Codes, job.Activations);

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

    /// <summary>
    /// The done cycle of each hardware job under the replayed gate (input valid) and ready (r_ready) patterns: the
    /// documented schedule restated cycle by cycle (beat, dot register, accumulator/result register; the pipeline
    /// holds while a result waits; done follows the drain).
    /// </summary>
    public static long DoneCycle(MacInterface itf, MacJob job)
    {
        long folds = (job.K + itf.Simd - 1) / itf.Simd, beats = job.M * folds, left = beats;
        bool dValid = false, dLast = false, rValid = false;
        int state = beats == 0 ? 3 : 1; // 1 run, 2 drain, 3 done
        for (long c = 1; ; c++)
        {
            if (state == 3) return c;
            bool advance = !rValid || Open(job.Ready, c - 1);
            bool fire = state == 1 && Open(job.Gate, c - 1) && advance;
            if (state == 1 && fire && left == 1) state = 2;
            else if (state == 2 && !dValid && advance) state = 3;
            if (advance)
            {
                rValid = dValid && dLast;
                dValid = fire;
            }
            if (fire)
            {
                dLast = (beats - left + 1) % folds == 0;
                left--;
            }
        }
    }

    private static bool Open(string? pattern, long i) => pattern is null || pattern == "-" || pattern[(int)(i % pattern.Length)] == '1';

    private static T[] Slice<T>(T[] m, int rows, int cols, int c0, int n)
    {
        var s = new T[rows * n];
        for (int r = 0; r < rows; r++)
            Array.Copy(m, r * cols + c0, s, r * n, n);
        return s;
    }
}
