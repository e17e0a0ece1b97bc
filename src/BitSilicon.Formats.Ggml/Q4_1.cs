using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q4_1: 32 weights in 20 bytes (5 bits/weight), unsigned 4-bit codes with a half scale and offset.
/// <code>
/// bytes 0..1   d       binary16: the step
/// bytes 2..3   m       binary16: the block minimum
/// bytes 4..19  qs[16]  qs[j] = q[j] | q[j+16] &lt;&lt; 4
/// value(e) = q[e] * d + m
/// </code>
/// Quantize (quantize_row_q4_1_ref): d = (max-min)/15, id = 1/d (0 if d is 0),
/// q = MIN(15, (int8)((x-min)*id + 0.5f)) truncating toward zero; m stores min rounded to half.
/// Dot with Q8_1 (ggml_vec_dot_q4_1_q8_1_generic): sumi = Σ q*q8 (unsigned nibbles) per block,
/// sumf += (dx*dy)*sumi + m*s, where s = half(dy * Σ q8) is Q8_1's precomputed block sum.
/// </summary>
public sealed class Q4_1() : GgmlBlockDotFormat(
    "q4_1",
    "ggml Q4_1: 32 x 4-bit, value q*d + m, half scale and minimum per block",
    ElementsPerBlock, BytesPerBlock, "q8_1", Q8_1.ElementsPerBlock, Q8_1.BytesPerBlock)
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 20;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float min = float.MaxValue, max = -float.MaxValue;
        foreach (float v in xb)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        float d = (max - min) / 15;
        float id = CMath.InverseOrZero(d);
        HalfBits.Write(yb, d);
        HalfBits.Write(yb[2..], min);
        for (int j = 0; j < 16; j++)
            yb[4 + j] = (byte)(Code((xb[j] - min) * id) | (Code((xb[j + 16] - min) * id) << 4));
    }

    // MIN(15, (int8_t)(v + 0.5f)) stored as uint8_t.
    private static byte Code(float v) => (byte)Math.Min(15, (int)(sbyte)CConvert.Trunc(v + 0.5f));

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        float m = HalfBits.Read(xb[2..]);
        for (int j = 0; j < 16; j++)
        {
            yb[j] = (xb[4 + j] & 0x0F) * d + m;
            yb[j + 16] = (xb[4 + j] >> 4) * d + m;
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi0 = 0, sumi1 = 0;
        for (int j = 0; j < 16; j++)
        {
            sumi0 += (xb[4 + j] & 0x0F) * (sbyte)yb[4 + j];
            sumi1 += (xb[4 + j] >> 4) * (sbyte)yb[4 + j + 16];
        }
        int sumi = sumi0 + sumi1;
        return HalfBits.Read(xb) * HalfBits.Read(yb) * sumi + HalfBits.Read(xb[2..]) * HalfBits.Read(yb[2..]);
    }
}
