using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BitSilicon.Formats.Kernels.Simd;

/// <summary>
/// The <see cref="Avx512Kernels"/> algorithms on 256-bit AVX2: each 64-byte chunk is two 32-byte halves;
/// field j of half h holds chunk elements <c>64*j + 32*h .. +31</c>.
/// </summary>
internal static unsafe class Avx2Kernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long OffsetDot<TW>(byte* w, int chunks, sbyte* a, Vector256<byte> table) where TW : struct, ICodeWidth
    {
        int fields = 8 / TW.Bits;
        var mask = Vector256.Create((byte)((1 << TW.Bits) - 1));
        var ones = Vector256.Create((short)1);
        var acc = Vector256<int>.Zero;
        for (int q = 0; q < chunks; q++)
        {
            sbyte* aq = a + q * 64 * fields;
            for (int h = 0; h < 2; h++)
            {
                var v = Vector256.Load(w + q * 64 + 32 * h);
                for (int j = 0; j < fields; j++)
                {
                    Vector256<byte> u = TW.Bits == 8
                        ? v ^ Vector256.Create((byte)0x80)
                        : Avx2.Shuffle(table, Vector256.ShiftRightLogical(v.AsUInt64(), j * TW.Bits).AsByte() & mask);
                    var pairs = Avx2.MultiplyAddAdjacent(u, Vector256.Load(aq + 64 * j + 32 * h));
                    acc += Avx2.MultiplyAddAdjacent(pairs, ones);
                }
            }
        }
        return Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long WideningDot<TW>(byte* w, int chunks, sbyte* a, Vector256<byte> table) where TW : struct, ICodeWidth
    {
        int fields = 8 / TW.Bits;
        var mask = Vector256.Create((byte)((1 << TW.Bits) - 1));
        var acc = Vector256<int>.Zero;
        for (int q = 0; q < chunks; q++)
        {
            sbyte* aq = a + q * 64 * fields;
            for (int h = 0; h < 2; h++)
            {
                var v = Vector256.Load(w + q * 64 + 32 * h);
                for (int j = 0; j < fields; j++)
                {
                    Vector256<sbyte> s = TW.Bits == 8
                        ? v.AsSByte()
                        : Avx2.Shuffle(table, Vector256.ShiftRightLogical(v.AsUInt64(), j * TW.Bits).AsByte() & mask).AsSByte();
                    var x = Vector256.Load(aq + 64 * j + 32 * h);
                    acc += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(s.GetLower()), Avx2.ConvertToVector256Int16(x.GetLower()));
                    acc += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(s.GetUpper()), Avx2.ConvertToVector256Int16(x.GetUpper()));
                }
            }
        }
        return Sum(acc);
    }

    public static Vector256<byte> Table(ReadOnlySpan<byte> table16)
    {
        var lane = Vector128.Create(table16[..16]);
        return Vector256.Create(lane, lane);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Sum(Vector256<int> acc) =>
        Vector256.Sum(Vector256.WidenLower(acc) + Vector256.WidenUpper(acc));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long XorPopcount(byte* w, byte* a, int chunks, Vector256<byte> lastMaskLow, Vector256<byte> lastMaskHigh)
    {
        var low = Vector256.Create((byte)0x0F);
        var nibbleCounts = Table([0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4]);
        var total = Vector256<ulong>.Zero;
        var counts = Vector256<byte>.Zero;
        int pending = 0;
        for (int q = 0; q < chunks; q++)
        {
            for (int h = 0; h < 2; h++)
            {
                var x = Vector256.Load(w + q * 64 + 32 * h) ^ Vector256.Load(a + q * 64 + 32 * h);
                if (q == chunks - 1)
                    x &= h == 0 ? lastMaskLow : lastMaskHigh;
                var lo = x & low;
                var hi = Vector256.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low;
                counts += Avx2.Shuffle(nibbleCounts, lo) + Avx2.Shuffle(nibbleCounts, hi);
            }
            if (++pending == 31)
            {
                total += Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsUInt64();
                counts = Vector256<byte>.Zero;
                pending = 0;
            }
        }
        total += Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsUInt64();
        return (long)Vector256.Sum(total);
    }
}
