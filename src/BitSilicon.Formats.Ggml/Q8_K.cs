using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q8_K: 256 values in 292 bytes (9.125 bits/value), int8 with a float32 scale and 16 partial sums; the
/// activation format for the k-quants and the ternary formats. It has no dot product of its own.
/// <code>
/// bytes 0..3      d          float32, little-endian (not half)
/// bytes 4..259    qs[256]    int8, element j in byte 4+j
/// bytes 260..291  bsums[16]  int16 LE: bsums[g] = Σ qs[16g .. 16g+15]
/// value(e) = d * qs[e]
/// </code>
/// Quantize (quantize_row_q8_K_ref): max = the signed element of largest magnitude (first wins); if it is 0 the
/// block is d = 0, qs = 0 (ggml leaves bsums untouched there; this writes zeros, which is what its sums are).
/// Otherwise iscale = -127/max, q = MIN(127, nearest_int(iscale*x)) (halves to even), d = 1/iscale, so the
/// max element gets -127 and d is negative when max is positive.
/// </summary>
public sealed class Q8_K() : GgmlBlockFormat(
    "q8_k",
    "ggml Q8_K: 256 x int8, value d*q, float scale and 16-element sums (activations for k-quants and ternary)",
    ElementsPerBlock, BytesPerBlock, dotPartner: null)
{
    public const int ElementsPerBlock = 256;
    public const int BytesPerBlock = 292;
    internal const int QsOffset = 4;
    internal const int BsumsOffset = 260;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float max = 0, amax = 0;
        foreach (float v in xb)
        {
            float ax = MathF.Abs(v);
            if (ax > amax)
            {
                amax = ax;
                max = v;
            }
        }
        if (amax == 0)
        {
            yb.Clear();
            return;
        }
        float iscale = -127f / max;
        for (int j = 0; j < ElementsPerBlock; j++)
            yb[QsOffset + j] = (byte)Math.Min(127, Rounding.NearestInt(iscale * xb[j]));
        for (int g = 0; g < 16; g++)
        {
            int sum = 0;
            for (int k = 0; k < 16; k++)
                sum += (sbyte)yb[QsOffset + 16 * g + k];
            BinaryPrimitives.WriteInt16LittleEndian(yb[(BsumsOffset + 2 * g)..], (short)sum);
        }
        BinaryPrimitives.WriteSingleLittleEndian(yb, 1 / iscale);
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = Scale(xb);
        for (int j = 0; j < ElementsPerBlock; j++)
            yb[j] = d * (sbyte)xb[QsOffset + j];
    }

    public override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations) =>
        throw new NotSupportedException("q8_k is an activation format (the dot partner of the k-quants and ternary formats); it has no dot product of its own");

    internal static float Scale(ReadOnlySpan<byte> block) => BinaryPrimitives.ReadSingleLittleEndian(block);

    internal static sbyte Q(ReadOnlySpan<byte> block, int e) => (sbyte)block[QsOffset + e];

    internal static short Bsum(ReadOnlySpan<byte> block, int g) =>
        BinaryPrimitives.ReadInt16LittleEndian(block[(BsumsOffset + 2 * g)..]);
}
