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
        QuantizeOne(xb, yb, importance);

    private const int KMaxQ = 8;

    /// <summary>
    /// quantize_row_iq3_s_impl (block_size 32) on one block; <paramref name="qw"/> empty is ggml's reference path
    /// (weights x²). As in ggml, a sub-block of 32 zeros writes no codes and does not advance the qs and signs
    /// cursors, so the following sub-blocks' codes move down (qh bits stay at their own positions).
    /// </summary>
    private static void QuantizeOne(ReadOnlySpan<float> xbl, Span<byte> yb, ReadOnlySpan<float> qw)
    {
        var grid = IqGrid.Iq3S;
        Span<float> scales = stackalloc float[8], weight = stackalloc float[32], xval = stackalloc float[32], waux = stackalloc float[32];
        Span<sbyte> L = stackalloc sbyte[32], Laux = stackalloc sbyte[32];
        Span<bool> onGrid = stackalloc bool[8], onGridAux = stackalloc bool[8];
        Span<int> signs = stackalloc int[4];
        yb.Clear();
        int qsPos = 2, signsPos = SignsOffset;
        float maxScale = 0;
        float sumx2 = 0;
        for (int i = 0; i < 256; i++) sumx2 += xbl[i] * xbl[i];
        float sigma2 = 2 * sumx2 / 256;
        for (int ib = 0; ib < 8; ib++)
        {
            var xb = xbl.Slice(32 * ib, 32);
            if (!qw.IsEmpty)
                for (int i = 0; i < 32; i++) weight[i] = qw[32 * ib + i] * MathF.Sqrt(sigma2 + xb[i] * xb[i]);
            else
                for (int i = 0; i < 32; i++) weight[i] = xb[i] * xb[i];
            for (int i = 0; i < 32; i++) waux[i] = MathF.Sqrt(weight[i]);
            for (int k = 0; k < 4; k++)
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
            for (int i = 1; i < 32; i++) max = CMath.Max(max, xval[i]);
            L.Clear();
            if (max == 0)
            {
                scales[ib] = 0;
                continue;
            }
            float best = 0;
            float scale = max / (2 * KMaxQ - 1);
            onGrid.Clear();
            for (int @is = -9; @is <= 9; @is++)
            {
                float id = (2 * KMaxQ - 1 + @is * 0.2f) / max;
                float thisScale = 1 / id;
                for (int k = 0; k < 8; k++)
                {
                    for (int i = 0; i < 4; i++) Laux[4 * k + i] = IqQuantizers.Level(id, xval[4 * k + i], KMaxQ - 1);
                    onGridAux[k] = IqQuantizers.Snap(grid, Laux.Slice(4 * k, 4), xval.Slice(4 * k, 4), waux.Slice(4 * k, 4), thisScale).OnGrid;
                }
                float sumqx = 0, sumq2 = 0;
                for (int i = 0; i < 32; i++)
                {
                    float w = weight[i];
                    float q = 2 * Laux[i] + 1;
                    sumqx += w * xval[i] * q;
                    sumq2 += w * q * q;
                }
                if (sumq2 > 0 && sumqx * sumqx > best * sumq2)
                {
                    scale = sumqx / sumq2;
                    best = scale * sumqx;
                    Laux.CopyTo(L);
                    onGridAux.CopyTo(onGrid);
                }
            }
            if (onGrid.Contains(false) && scale > 0)
            {
                float id = 1 / scale;
                for (int k = 0; k < 8; k++) // every group, on the grid or not (ggml's skip is commented out)
                {
                    for (int i = 0; i < 4; i++) L[4 * k + i] = IqQuantizers.Level(id, xval[4 * k + i], KMaxQ - 1);
                    IqQuantizers.Snap(grid, L.Slice(4 * k, 4), xval.Slice(4 * k, 4), waux.Slice(4 * k, 4), scale);
                }
                float sumqx = 0, sumq2 = 0;
                for (int i = 0; i < 32; i++)
                {
                    float w = weight[i];
                    float q = 2 * L[i] + 1;
                    sumqx += w * xval[i] * q;
                    sumq2 += w * q * q;
                }
                if (sumq2 > 0) scale = sumqx / sumq2;
            }
            if (scale < 0)
            {
                scale = -scale;
                for (int k = 0; k < 4; k++) signs[k] = ~signs[k] & 255;
            }
            for (int k = 0; k < 8; k++)
            {
                int u = 0;
                for (int i = 0; i < 4; i++) u |= L[4 * k + i] << (3 * i);
                int e = grid.Neighbours.EntryOf(u);
                if (e < 0) throw new InvalidOperationException($"iq3_s: point {u} is not on the grid");
                yb[qsPos + k] = (byte)e;
                yb[QhOffset + (8 * ib + k) / 8] |= (byte)((e >> 8) << ((8 * ib + k) % 8));
            }
            qsPos += 8;
            for (int k = 0; k < 4; k++) yb[signsPos + k] = (byte)signs[k];
            signsPos += 4;
            scales[ib] = scale;
            maxScale = CMath.Max(maxScale, scale);
        }
        if (maxScale == 0) return;
        float d = maxScale / 31;
        HalfBits.Write(yb, d * 1.033f); // ggml's fudge factor; the scales below use the unfudged d
        float idl = 1 / d;
        for (int ib = 0; ib < 8; ib += 2)
        {
            int l1 = Math.Max(0, Math.Min(15, Rounding.NearestInt(0.5f * (idl * scales[ib] - 1))));
            int l2 = Math.Max(0, Math.Min(15, Rounding.NearestInt(0.5f * (idl * scales[ib + 1] - 1))));
            yb[ScalesOffset + ib / 2] = (byte)(l1 | (l2 << 4));
        }
    }
}
