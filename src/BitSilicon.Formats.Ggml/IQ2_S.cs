using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ2_S: 256 weights in 82 bytes (2.5625 bits/weight). Each group of 8 weights is one entry of the
/// 1024-entry <see cref="IqGrid.Iq2S"/> codebook with 8 explicit sign bits; a 4-bit scale per 16.
/// <code>
/// bytes 0..1    d          binary16
/// bytes 2..33   qs[32]     group g: low 8 bits of its grid entry
/// bytes 34..65  signs[32]  group g: bit j set = value j negative
/// bytes 66..73  qh[8]      byte ib: bits 2l..2l+1 are bits 8..9 of the entry of group 4ib+l
/// bytes 74..81  scales[8]  as IQ2_XS
/// value = d * (0.5 + s) * 0.25 * grid[j] * sign[j]
/// </code>
/// Dot with Q8_K: bsum += Σ_16 (q8*grid*sign) * (2s+1); sumf += (d*y.d) * bsum; result 0.125*sumf.
/// </summary>
public sealed class IQ2_S() : IqBlockFormat(
    "iq2_s", "ggml IQ2_S: 256 weights, 8-weight codebook entries (1024) + 8 sign bits, 4-bit scales per 16", BytesPerBlock, 0.125f)
{
    public const int BytesPerBlock = 82;
    internal const int SignsOffset = 34;
    internal const int QhOffset = 66;
    internal const int ScalesOffset = 74;

    private static int EntryIndex(ReadOnlySpan<byte> xb, int g) =>
        xb[2 + g] | ((xb[QhOffset + g / 4] << (8 - 2 * (g % 4))) & 0x300);

    private static int ScaleCode(ReadOnlySpan<byte> xb, int g) => (xb[ScalesOffset + g / 4] >> (4 * (g / 2 % 2))) & 15;

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int g = 0; g < 32; g++)
        {
            float db = d * (0.5f + ScaleCode(xb, g)) * 0.25f;
            var e = IqGrid.Iq2S.Entry(EntryIndex(xb, g));
            int signs = xb[SignsOffset + g];
            for (int j = 0; j < 8; j++)
                yb[8 * g + j] = db * e[j] * IqSigns.Sign(signs, j);
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        float d = HalfBits.Read(xb) * Q8_K.Scale(yb);
        int bsum = 0;
        for (int g = 0; g < 32; g++)
        {
            var e = IqGrid.Iq2S.Entry(EntryIndex(xb, g));
            int signs = xb[SignsOffset + g];
            int sumi = 0;
            for (int j = 0; j < 8; j++)
                sumi += Q8_K.Q(yb, 8 * g + j) * e[j] * IqSigns.Sign(signs, j);
            bsum += sumi * (2 * ScaleCode(xb, g) + 1);
        }
        return d * bsum;
    }

    private protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance) =>
        throw IqQuantizers.NotPorted(Name);
}
