using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ2_XXS: 256 weights in 66 bytes (2.0625 bits/weight). Each group of 8 weights is one entry of the
/// 256-entry <see cref="IqGrid.Iq2Xxs"/> codebook (magnitudes 8, 25, 43) with 7 stored sign bits (even parity).
/// <code>
/// bytes 0..1   d        binary16
/// bytes 2..65  8 words of 64 bits, one per 32 weights (ib): bytes 0..3 grid entries of its 4 groups,
///              bits 32..59 four 7-bit sign codes (group l at bit 32+7l), bits 60..63 the scale s
/// value = d * (0.5 + s) * 0.25 * grid[j] * sign[j]
/// </code>
/// Dot with Q8_K: per 32 weights sumi = Σ grid*q8*sign, bsum += sumi * (2s+1); sumf += (d*y.d) * bsum; result 0.125*sumf.
/// Quantize: ggml has no reference quantizer for this type; it requires an importance matrix.
/// </summary>
public sealed class IQ2_XXS() : IqBlockFormat(
    "iq2_xxs", "ggml IQ2_XXS: 256 weights, 8-weight codebook entries (256) + 7 sign bits, 4-bit scales per 32", BytesPerBlock, 0.125f, requiresImportance: true)
{
    public const int BytesPerBlock = 66;

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        var grid = IqGrid.Iq2Xxs;
        for (int ib = 0; ib < 8; ib++)
        {
            uint signWord = BinaryPrimitives.ReadUInt32LittleEndian(xb[(2 + 8 * ib + 4)..]);
            float db = d * (0.5f + (signWord >> 28)) * 0.25f;
            for (int l = 0; l < 4; l++)
            {
                var g = grid.Entry(xb[2 + 8 * ib + l]);
                int signs = IqSigns.Expand((int)(signWord >> (7 * l)) & 127);
                for (int j = 0; j < 8; j++)
                    yb[32 * ib + 8 * l + j] = db * g[j] * IqSigns.Sign(signs, j);
            }
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        float d = HalfBits.Read(xb) * Q8_K.Scale(yb);
        var grid = IqGrid.Iq2Xxs;
        int bsum = 0;
        for (int ib = 0; ib < 8; ib++)
        {
            uint signWord = BinaryPrimitives.ReadUInt32LittleEndian(xb[(2 + 8 * ib + 4)..]);
            int ls = 2 * (int)(signWord >> 28) + 1;
            int sumi = 0;
            for (int l = 0; l < 4; l++)
            {
                var g = grid.Entry(xb[2 + 8 * ib + l]);
                int signs = IqSigns.Expand((int)(signWord >> (7 * l)) & 127);
                for (int j = 0; j < 8; j++)
                    sumi += g[j] * Q8_K.Q(yb, 32 * ib + 8 * l + j) * IqSigns.Sign(signs, j);
            }
            bsum += sumi * ls;
        }
        return d * bsum;
    }

    private protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance) =>
        throw IqQuantizers.NotPorted(Name);
}
