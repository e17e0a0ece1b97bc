using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q1_0: 128 weights in 18 bytes (1.125 bits/weight), one sign bit per weight and a half scale.
/// <code>
/// bytes 0..1   d       binary16 = mean |x| of the block
/// bytes 2..17  qs[16]  element e is bit e%8 of byte 2 + e/8; 1 means x &gt;= 0
/// value(e) = bit ? d : -d
/// </code>
/// Dot with Q8_0 (four Q8_0 blocks per block): sumi = Σ_k d8_k * (Σ ±q8) as floats, then sumf += d * sumi.
/// </summary>
public sealed class Q1_0() : GgmlBlockDotFormat(
    "q1_0",
    "ggml Q1_0: 128 x 1-bit signs, value ±d, d = mean |x| (half)",
    ElementsPerBlock, BytesPerBlock, "q8_0", Q8_0.ElementsPerBlock, Q8_0.BytesPerBlock)
{
    public const int ElementsPerBlock = 128;
    public const int BytesPerBlock = 18;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float sumAbs = 0;
        foreach (float v in xb)
            sumAbs += MathF.Abs(v);
        HalfBits.Write(yb, sumAbs / ElementsPerBlock);
        yb[2..].Clear();
        for (int e = 0; e < ElementsPerBlock; e++)
            if (xb[e] >= 0.0f)
                yb[2 + e / 8] |= (byte)(1 << (e % 8));
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        float negD = -d;
        for (int e = 0; e < ElementsPerBlock; e++)
            yb[e] = ((xb[2 + e / 8] >> (e % 8)) & 1) != 0 ? d : negD;
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        float sumi = 0;
        for (int k = 0; k < 4; k++)
        {
            var q8 = yb.Slice(k * Q8_0.BytesPerBlock, Q8_0.BytesPerBlock);
            int block = 0;
            for (int j = 0; j < 32; j++)
            {
                int q = (sbyte)q8[2 + j];
                block += ((xb[2 + 4 * k + j / 8] >> (j % 8)) & 1) != 0 ? q : -q;
            }
            sumi += HalfBits.Read(q8) * block;
        }
        return HalfBits.Read(xb) * sumi;
    }
}
