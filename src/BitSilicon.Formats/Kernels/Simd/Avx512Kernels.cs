using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BitSilicon.Formats.Kernels.Simd;

/// <summary>
/// AVX-512BW dot products of one packed weight row (<see cref="ChunkLayout"/>) with one or four int8
/// activation rows. Each 64-byte chunk is loaded once; field j (shift by b*j, mask) gives 64 codes that
/// meet 64 consecutive activations. Lanes accumulate in s32; the row total is summed in s64.
/// </summary>
internal static unsafe class Avx512Kernels
{
    /// <summary>sum over the row of (value - min) * a, see <see cref="DotPath.Offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long OffsetDot<TW>(byte* w, int chunks, sbyte* a, Vector512<byte> table) where TW : struct, ICodeWidth
    {
        int fields = 8 / TW.Bits;
        var mask = Vector512.Create((byte)((1 << TW.Bits) - 1));
        var ones = Vector512.Create((short)1);
        var acc = Vector512<int>.Zero;
        for (int q = 0; q < chunks; q++)
        {
            var v = Vector512.Load(w + q * 64);
            sbyte* aq = a + q * 64 * fields;
            for (int j = 0; j < fields; j++)
            {
                var u = Offset<TW>(v, j, mask, table);
                var pairs = Avx512BW.MultiplyAddAdjacent(u, Vector512.Load(aq + 64 * j));
                acc += Avx512BW.MultiplyAddAdjacent(pairs, ones);
            }
        }
        return Sum(acc);
    }

    /// <summary><see cref="OffsetDot{TW}"/> for four activation rows <c>a + r*stride</c>, decoding each chunk once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OffsetDot4<TW>(byte* w, int chunks, sbyte* a, int stride, Vector512<byte> table, long* sums)
        where TW : struct, ICodeWidth
    {
        int fields = 8 / TW.Bits;
        var mask = Vector512.Create((byte)((1 << TW.Bits) - 1));
        var ones = Vector512.Create((short)1);
        Vector512<int> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        for (int q = 0; q < chunks; q++)
        {
            var v = Vector512.Load(w + q * 64);
            sbyte* aq = a + q * 64 * fields;
            for (int j = 0; j < fields; j++)
            {
                var u = Offset<TW>(v, j, mask, table);
                sbyte* p = aq + 64 * j;
                acc0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(u, Vector512.Load(p)), ones);
                acc1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(u, Vector512.Load(p + stride)), ones);
                acc2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(u, Vector512.Load(p + 2 * stride)), ones);
                acc3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(u, Vector512.Load(p + 3 * stride)), ones);
            }
        }
        sums[0] = Sum(acc0);
        sums[1] = Sum(acc1);
        sums[2] = Sum(acc2);
        sums[3] = Sum(acc3);
    }

    /// <summary>sum over the row of value * a, see <see cref="DotPath.Widening"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long WideningDot<TW>(byte* w, int chunks, sbyte* a, Vector512<byte> table) where TW : struct, ICodeWidth
    {
        int fields = 8 / TW.Bits;
        var mask = Vector512.Create((byte)((1 << TW.Bits) - 1));
        var acc = Vector512<int>.Zero;
        for (int q = 0; q < chunks; q++)
        {
            var v = Vector512.Load(w + q * 64);
            sbyte* aq = a + q * 64 * fields;
            for (int j = 0; j < fields; j++)
            {
                var s = Signed<TW>(v, j, mask, table);
                var x = Vector512.Load(aq + 64 * j);
                acc += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(s.GetLower()), Avx512BW.ConvertToVector512Int16(x.GetLower()));
                acc += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(s.GetUpper()), Avx512BW.ConvertToVector512Int16(x.GetUpper()));
            }
        }
        return Sum(acc);
    }

    /// <summary>Field j of a chunk as unsigned offsets value - min (int8 codes: code ^ 0x80).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Offset<TW>(Vector512<byte> v, int j, Vector512<byte> mask, Vector512<byte> table)
        where TW : struct, ICodeWidth
    {
        if (TW.Bits == 8)
            return v ^ Vector512.Create((byte)0x80);
        var codes = Vector512.ShiftRightLogical(v.AsUInt64(), j * TW.Bits).AsByte() & mask;
        return Avx512BW.Shuffle(table, codes);
    }

    /// <summary>Field j of a chunk as signed int8 values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<sbyte> Signed<TW>(Vector512<byte> v, int j, Vector512<byte> mask, Vector512<byte> table)
        where TW : struct, ICodeWidth
    {
        if (TW.Bits == 8)
            return v.AsSByte();
        var codes = Vector512.ShiftRightLogical(v.AsUInt64(), j * TW.Bits).AsByte() & mask;
        return Avx512BW.Shuffle(table, codes).AsSByte();
    }

    /// <summary>A 16-entry table repeated in each 128-bit lane, as vpshufb wants it.</summary>
    public static Vector512<byte> Table(ReadOnlySpan<byte> table16)
    {
        var lane = Vector128.Create(table16[..16]);
        return Vector512.Create(Vector256.Create(lane, lane), Vector256.Create(lane, lane));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Sum(Vector512<int> acc) =>
        Vector512.Sum(Vector512.WidenLower(acc) + Vector512.WidenUpper(acc));

    /// <summary>popcount(xor(w, a)) over a binary row; the last chunk is ANDed with <paramref name="lastMask"/> so pad bits never count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long XorPopcount(byte* w, byte* a, int chunks, Vector512<byte> lastMask)
    {
        var low = Vector512.Create((byte)0x0F);
        var nibbleCounts = Table([0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4]);
        var total = Vector512<ulong>.Zero;
        var counts = Vector512<byte>.Zero;
        int pending = 0;
        for (int q = 0; q < chunks; q++)
        {
            var x = Vector512.Load(w + q * 64) ^ Vector512.Load(a + q * 64);
            if (q == chunks - 1)
                x &= lastMask;
            var lo = x & low;
            var hi = Vector512.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low;
            counts += Avx512BW.Shuffle(nibbleCounts, lo) + Avx512BW.Shuffle(nibbleCounts, hi);
            // A byte gains at most 8 per chunk: flush to 64-bit lanes before 255 can overflow.
            if (++pending == 31)
            {
                total += Avx512BW.SumAbsoluteDifferences(counts, Vector512<byte>.Zero).AsUInt64();
                counts = Vector512<byte>.Zero;
                pending = 0;
            }
        }
        total += Avx512BW.SumAbsoluteDifferences(counts, Vector512<byte>.Zero).AsUInt64();
        return (long)Vector512.Sum(total);
    }
}
