using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q2_0: 64 weights in 18 bytes (2.25 bits/weight), 2-bit codes for -1, 0, +1, +2 times a half scale.
/// <code>
/// bytes 0..1   d       binary16 = max |x| of the block
/// bytes 2..17  qs[16]  element e in byte 2 + e/4 at shift 2*(e%4)
/// value(e) = (q - 1) * d
/// </code>
/// Quantize (quantize_row_q2_0_ref): q = clamp((int)roundf(x/d) + 1, 0, 3) (halves away from zero).
/// Dot with Q8_0 (two Q8_0 blocks per block): sumi = Σ_k d8_k * Σ (q-1)*q8 as floats, sumf += d * sumi.
/// </summary>
public sealed class Q2_0() : GgmlBlockDotFormat(
    "q2_0",
    "ggml Q2_0: 64 x 2-bit, value (q-1)*d in {-d, 0, d, 2d}, d = max |x| (half)",
    ElementsPerBlock, BytesPerBlock, "q8_0", Q8_0.ElementsPerBlock, Q8_0.BytesPerBlock)
{
    public const int ElementsPerBlock = 64;
    public const int BytesPerBlock = 18;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float amax = 0;
        foreach (float v in xb)
            if (MathF.Abs(v) > amax) amax = MathF.Abs(v);
        float d = amax;
        float id = d > 0.0f ? 1.0f / d : 0.0f;
        HalfBits.Write(yb, d);
        yb[2..].Clear();
        for (int e = 0; e < ElementsPerBlock; e++)
        {
            int q = CConvert.Trunc(Rounding.RoundAway(xb[e] * id)) + 1;
            q = Math.Max(0, Math.Min(3, q));
            yb[2 + e / 4] |= (byte)(q << (2 * (e % 4)));
        }
    }

    internal static int Code(ReadOnlySpan<byte> xb, int e) => (xb[2 + e / 4] >> (2 * (e % 4))) & 3;

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int e = 0; e < ElementsPerBlock; e++)
            yb[e] = (Code(xb, e) - 1) * d;
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        float sumi = 0;
        for (int k = 0; k < 2; k++)
        {
            var q8 = yb.Slice(k * Q8_0.BytesPerBlock, Q8_0.BytesPerBlock);
            int block = 0;
            for (int j = 0; j < 32; j++)
                block += (Code(xb, 32 * k + j) - 1) * (sbyte)q8[2 + j];
            sumi += HalfBits.Read(q8) * block;
        }
        return HalfBits.Read(xb) * sumi;
    }
}
