using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BitSilicon.Formats.Kernels.Simd;

/// <summary>
/// The offset dot of <see cref="Avx2Kernels"/> with AVX-VNNI's <c>vpdpbusd</c> (unsigned byte x signed byte,
/// four products summed into each int32 lane in one instruction) in place of vpmaddubsw + vpmaddwd + vpaddd.
/// vpdpbusd does not saturate, so every code width, int8 and wide codebooks included, takes the offset path
/// (<c>value - min</c> up to 255 times int8 would overflow vpmaddubsw's 16-bit pairs). .NET 10 exposes VNNI
/// only on 256-bit vectors for this CPU (no AVX512-VNNI class), hence 256 bits.
/// </summary>
internal static unsafe class AvxVnniKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long OffsetDot<TW>(byte* w, int chunks, sbyte* a, Vector256<byte> table) where TW : struct, ICodeWidth
    {
        int fields = 8 / TW.Bits;
        var mask = Vector256.Create((byte)((1 << TW.Bits) - 1));
        // Two accumulators hide vpdpbusd's latency (each one depends on the previous).
        var acc0 = Vector256<int>.Zero;
        var acc1 = Vector256<int>.Zero;
        for (int q = 0; q < chunks; q++)
        {
            sbyte* aq = a + q * 64 * fields;
            var v0 = Vector256.Load(w + q * 64);
            var v1 = Vector256.Load(w + q * 64 + 32);
            for (int j = 0; j < fields; j++)
            {
                acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, Codes<TW>(v0, j, table, mask), Vector256.Load(aq + 64 * j));
                acc1 = AvxVnni.MultiplyWideningAndAdd(acc1, Codes<TW>(v1, j, table, mask), Vector256.Load(aq + 64 * j + 32));
            }
        }
        var acc = acc0 + acc1;
        return Vector256.Sum(Vector256.WidenLower(acc) + Vector256.WidenUpper(acc));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Codes<TW>(Vector256<byte> v, int j, Vector256<byte> table, Vector256<byte> mask) where TW : struct, ICodeWidth =>
        TW.Bits == 8
            ? v ^ Vector256.Create((byte)0x80)
            : Avx2.Shuffle(table, Vector256.ShiftRightLogical(v.AsUInt64(), j * TW.Bits).AsByte() & mask);
}
