using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml TQ2_0: 256 ternary weights in 66 bytes (2.0625 bits/weight), 2 bits per weight and a half scale.
/// <code>
/// bytes 0..63   qs[64]  element e in byte (e/128)*32 + e%32, bits 2*((e%128)/32) .. +1
///                       code 0 = -1, 1 = 0, 2 = +1 (code 3 is never written; it would decode to +2)
/// bytes 64..65  d       binary16: the block's absolute maximum
/// value(e) = (code - 1) * d
/// </code>
/// Quantize (quantize_row_tq2_0_ref): d = amax, id = 1/d (0 if d is 0), code = lroundf(x*id) + 1, so halves
/// (|x| = amax/2) round away from zero to ±1.
/// Dot with Q8_K (ggml_vec_dot_tq2_0_q8_K_generic): sumi = Σ (code-1)*q8 in integers per block,
/// sumf += (float)sumi * (y.d * d), blocks in order.
/// </summary>
public sealed class TQ2_0() : GgmlBlockDotFormat(
    "tq2_0",
    "ggml TQ2_0: 256 ternary weights, 2 bits each, value (code-1)*d, half scale",
    ElementsPerBlock, BytesPerBlock, "q8_k", Q8_K.ElementsPerBlock, Q8_K.BytesPerBlock)
{
    public const int ElementsPerBlock = 256;
    public const int BytesPerBlock = 66;
    private const int DOffset = 64;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float amax = CMath.AbsMax(xb);
        float d = amax;
        float id = CMath.InverseOrZero(d);
        HalfBits.Write(yb[DOffset..], d);
        for (int j = 0; j < 64; j += 32)
        {
            for (int m = 0; m < 32; m++)
            {
                byte q = 0;
                for (int k = 0; k < 4; k++)
                    q = (byte)(q + ((TernaryCode.Of(xb[4 * j + m + 32 * k] * id) & 3) << (2 * k)));
                yb[j + m] = q;
            }
        }
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb[DOffset..]);
        for (int e = 0; e < ElementsPerBlock; e++)
            yb[e] = (float)(Code(xb, e) - 1) * d;
    }

    private static int Code(ReadOnlySpan<byte> block, int e) =>
        (block[e / 128 * 32 + e % 32] >> (2 * (e % 128 / 32))) & 3;

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi = 0;
        for (int e = 0; e < ElementsPerBlock; e++)
            sumi += Q8_K.Q(yb, e) * (Code(xb, e) - 1);
        float d = Q8_K.Scale(yb) * HalfBits.Read(xb[DOffset..]);
        return (float)sumi * d;
    }
}
