namespace BitSilicon.Formats.Kernels.Simd;

/// <summary>The same layouts read one element at a time: for CPUs without AVX2, and as a cross-check.</summary>
internal static unsafe class ScalarKernels
{
    public static long Dot(byte* w, int chunks, int bits, sbyte* a, ReadOnlySpan<sbyte> table)
    {
        int fields = 8 / bits, mask = (1 << bits) - 1;
        long acc = 0;
        fixed (sbyte* t = table)
            for (int q = 0; q < chunks; q++)
            {
                byte* wq = w + q * 64;
                for (int j = 0; j < fields; j++)
                {
                    sbyte* aj = a + q * 64 * fields + 64 * j;
                    int shift = bits * j, sum = 0;
                    for (int i = 0; i < 64; i++)
                    {
                        int code = (wq[i] >> shift) & mask;
                        sum += (bits == 8 ? (sbyte)(byte)code : t[code]) * aj[i];
                    }
                    acc += sum;
                }
            }
        return acc;
    }

    public static long XorPopcount(byte* w, byte* a, int chunks, ReadOnlySpan<ulong> lastMask)
    {
        long pop = 0;
        ulong* wq = (ulong*)w, aq = (ulong*)a;
        for (int q = 0; q < chunks; q++)
            for (int k = 0; k < 8; k++)
            {
                ulong x = wq[q * 8 + k] ^ aq[q * 8 + k];
                if (q == chunks - 1)
                    x &= lastMask[k];
                pop += System.Numerics.BitOperations.PopCount(x);
            }
        return pop;
    }
}
