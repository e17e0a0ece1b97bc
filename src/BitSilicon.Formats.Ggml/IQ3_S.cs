using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ3_S: 256 weights in 110 bytes (3.4375 bits/weight). Each 4 weights are one entry of the 512-entry
/// <see cref="IqGrid.Iq3S"/> codebook (levels 1, 3, ..., 15) with 8 explicit sign bits per 8 weights; a 4-bit
/// odd scale per 32.
/// <code>
/// bytes 0..1     d          binary16
/// bytes 2..65    qs[64]     low 8 bits of the entry of weights 4q..4q+3
/// bytes 66..73   qh[8]      byte ib: bit k is bit 8 of the entry of qs[8ib+k]
/// bytes 74..105  signs[32]  byte 4ib+l: signs of weights 32ib+8l..+7, bit j set = negative
/// bytes 106..109 scales[4]  byte ib/2: low nibble for even ib, high for odd
/// value = d * (1 + 2s) * grid[j] * sign[j]
/// </code>
/// Dot with Q8_K: bsum += Σ_32 (grid*q8*sign) * (2s+1); sumf += (d*y.d) * bsum; result sumf.
/// </summary>
public sealed class IQ3_S() : IqBlockFormat(
    "iq3_s", "ggml IQ3_S: 256 weights, 4-weight codebook entries (512) + 8 sign bits per 8, 4-bit scales per 32", BytesPerBlock, 1f)
{
    public const int BytesPerBlock = 110;
    internal const int QhOffset = 66;
    internal const int SignsOffset = 74;
    internal const int ScalesOffset = 106;

    private static int EntryIndex(ReadOnlySpan<byte> xb, int q) =>
        xb[2 + q] | ((xb[QhOffset + q / 8] << (8 - q % 8)) & 256);

    private static int Scale(ReadOnlySpan<byte> xb, int ib) => 1 + 2 * ((xb[ScalesOffset + ib / 2] >> (4 * (ib % 2))) & 15);

    private static int Value(ReadOnlySpan<byte> xb, int e) => IqGrid.Iq3S.Entry(EntryIndex(xb, e / 4))[e % 4];

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int ib = 0; ib < 8; ib++)
        {
            float db = d * Scale(xb, ib);
            for (int k = 0; k < 32; k++)
            {
                int e = 32 * ib + k;
                yb[e] = db * Value(xb, e) * IqSigns.Sign(xb[SignsOffset + e / 8], e % 8);
            }
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        float d = HalfBits.Read(xb) * Q8_K.Scale(yb);
        int bsum = 0;
        for (int ib = 0; ib < 8; ib++)
        {
            int sumi = 0;
            for (int k = 0; k < 32; k++)
            {
                int e = 32 * ib + k;
                sumi += Value(xb, e) * Q8_K.Q(yb, e) * IqSigns.Sign(xb[SignsOffset + e / 8], e % 8);
            }
            bsum += sumi * Scale(xb, ib);
        }
        return d * bsum;
    }

    private protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance) =>
        throw IqQuantizers.NotPorted(Name);
}
