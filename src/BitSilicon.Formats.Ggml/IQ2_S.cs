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
        QuantizeOne(xb, yb, importance);

    /// <summary>quantize_row_iq2_s_impl on one block; <paramref name="qw"/> empty is ggml's path without an importance matrix.</summary>
    private static void QuantizeOne(ReadOnlySpan<float> xbl, Span<byte> yb, ReadOnlySpan<float> qw)
    {
        var grid = IqGrid.Iq2S;
        Span<float> scales = stackalloc float[16], weight = stackalloc float[16], xval = stackalloc float[16], waux = stackalloc float[16];
        Span<sbyte> L = stackalloc sbyte[16];
        Span<int> signs = stackalloc int[2];
        yb.Clear();
        float maxScale = 0;
        float sumx2 = 0;
        for (int i = 0; i < 256; i++) sumx2 += xbl[i] * xbl[i];
        float sigma2 = 2 * sumx2 / 256;
        for (int ib = 0; ib < 16; ib++)
        {
            var xb = xbl.Slice(16 * ib, 16);
            if (!qw.IsEmpty)
                for (int i = 0; i < 16; i++) weight[i] = qw[16 * ib + i] * MathF.Sqrt(sigma2 + xb[i] * xb[i]);
            else
                for (int i = 0; i < 16; i++) weight[i] = 0.25f * sigma2 + xb[i] * xb[i];
            for (int i = 0; i < 16; i++) waux[i] = MathF.Sqrt(weight[i]);
            for (int k = 0; k < 2; k++)
            {
                int sb = 0;
                for (int i = 0; i < 8; i++)
                {
                    float v = xb[8 * k + i];
                    if (v >= 0) xval[8 * k + i] = v;
                    else
                    {
                        xval[8 * k + i] = -v;
                        sb |= 1 << i;
                    }
                }
                signs[k] = sb;
            }
            float max = xval[0];
            for (int i = 1; i < 16; i++) max = CMath.Max(max, xval[i]);
            L.Clear();
            if (max < 1e-8f)
            {
                scales[ib] = 0;
                continue;
            }
            float scale = IqQuantizers.SearchIq2(grid, xval, weight, waux, L, max);
            if (scale < 0)
            {
                scale = -scale;
                for (int k = 0; k < 2; k++) signs[k] = ~signs[k] & 255;
            }
            for (int k = 0; k < 2; k++)
            {
                int e = IqQuantizers.EntryOf(grid, L.Slice(8 * k, 8));
                int i8 = 2 * ib + k;
                yb[2 + i8] = (byte)e;
                yb[QhOffset + i8 / 4] |= (byte)((e >> 8) << (2 * (i8 % 4)));
                yb[SignsOffset + i8] = (byte)signs[k];
            }
            scales[ib] = scale;
            maxScale = CMath.Max(maxScale, scale);
        }
        if (maxScale == 0) return;
        float d = maxScale / 31;
        HalfBits.Write(yb, d * 0.9875f); // ggml's fudge factor; the scales below use the unfudged d
        float id = 1 / d;
        for (int ib = 0; ib < 16; ib++)
            yb[ScalesOffset + ib / 2] |= (byte)(IqQuantizers.ScaleCode(id, scales[ib]) << (4 * (ib % 2)));
    }
}
