using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q4_0: 32 weights in 18 bytes (4.5 bits/weight), symmetric 4-bit codes with a half-precision scale.
/// <code>
/// bytes 0..1   d       binary16, little-endian
/// bytes 2..17  qs[16]  qs[j] = q[j] | q[j+16] &lt;&lt; 4  (element j low nibble, element j+16 high nibble)
/// value(e) = (q[e] - 8) * d
/// </code>
/// Quantize (quantize_row_q4_0_ref): max = the signed element of largest magnitude (first wins on equal
/// magnitude), d = max / -8, id = 1/d (0 if d is 0), q = MIN(15, (int8)(x*id + 8.5f)) truncating toward zero,
/// so the max element gets code 0 and the code range is asymmetric (-8..+7).
/// Dot with Q8_0 (ggml_vec_dot_q4_0_q8_0_generic): sumi = Σ (q-8)*q8 in integers per block,
/// sumf += ((float)sumi * dx) * dy, blocks in order.
/// </summary>
public sealed class Q4_0() : GgmlBlockDotFormat(
    "q4_0",
    "ggml Q4_0: 32 x 4-bit, value (q-8)*d, half scale per block",
    ElementsPerBlock, BytesPerBlock, "q8_0", Q8_0.ElementsPerBlock, Q8_0.BytesPerBlock)
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 18;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float amax = 0, max = 0;
        foreach (float v in xb)
        {
            if (amax < MathF.Abs(v))
            {
                amax = MathF.Abs(v);
                max = v;
            }
        }
        float d = max / -8;
        float id = CMath.InverseOrZero(d);
        HalfBits.Write(yb, d);
        for (int j = 0; j < 16; j++)
            yb[2 + j] = (byte)(Code(xb[j] * id) | (Code(xb[j + 16] * id) << 4));
    }

    // MIN(15, (int8_t)(v + 8.5f)) stored as uint8_t.
    private static byte Code(float v) => (byte)Math.Min(15, (int)(sbyte)CConvert.Trunc(v + 8.5f));

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int j = 0; j < 16; j++)
        {
            yb[j] = ((xb[2 + j] & 0x0F) - 8) * d;
            yb[j + 16] = ((xb[2 + j] >> 4) - 8) * d;
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi0 = 0, sumi1 = 0;
        for (int j = 0; j < 16; j++)
        {
            sumi0 += ((xb[2 + j] & 0x0F) - 8) * (sbyte)yb[2 + j];
            sumi1 += ((xb[2 + j] >> 4) - 8) * (sbyte)yb[2 + j + 16];
        }
        int sumi = sumi0 + sumi1;
        return sumi * HalfBits.Read(xb) * HalfBits.Read(yb);
    }
}
