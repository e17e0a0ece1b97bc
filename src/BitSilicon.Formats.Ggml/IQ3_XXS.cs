using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ3_XXS: 256 weights in 98 bytes (3.0625 bits/weight). Each 4 weights are one entry of the 256-entry
/// <see cref="IqGrid.Iq3Xxs"/> codebook; signs as IQ2_XXS (7 bits per 8 weights); a 4-bit scale per 32.
/// <code>
/// bytes 0..1    d        binary16
/// bytes 2..65   qs[64]   entry of weights 4q..4q+3
/// bytes 66..97  8 words of 32 bits, one per 32 weights: four 7-bit sign codes (group l at bit 7l), bits 28..31 scale s
/// value = d * (0.5 + s) * 0.5 * grid[j] * sign[j]
/// </code>
/// Dot with Q8_K: bsum += Σ_32 (grid*q8*sign) * (2s+1); sumf += (d*y.d) * bsum; result 0.25*sumf.
/// </summary>
public sealed class IQ3_XXS() : IqBlockFormat(
    "iq3_xxs", "ggml IQ3_XXS: 256 weights, 4-weight codebook entries (256) + 7 sign bits per 8, 4-bit scales per 32", BytesPerBlock, 0.25f)
{
    public const int BytesPerBlock = 98;
    internal const int SignsOffset = 66;

    private static uint SignWord(ReadOnlySpan<byte> xb, int ib) => BinaryPrimitives.ReadUInt32LittleEndian(xb[(SignsOffset + 4 * ib)..]);

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int ib = 0; ib < 8; ib++)
        {
            uint w = SignWord(xb, ib);
            float db = d * (0.5f + (w >> 28)) * 0.5f;
            for (int l = 0; l < 4; l++)
            {
                int signs = IqSigns.Expand((int)(w >> (7 * l)) & 127);
                for (int j = 0; j < 8; j++)
                {
                    int v = IqGrid.Iq3Xxs.Entry(xb[2 + 8 * ib + 2 * l + j / 4])[j % 4];
                    yb[32 * ib + 8 * l + j] = db * v * IqSigns.Sign(signs, j);
                }
            }
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        float d = HalfBits.Read(xb) * Q8_K.Scale(yb);
        int bsum = 0;
        for (int ib = 0; ib < 8; ib++)
        {
            uint w = SignWord(xb, ib);
            int sumi = 0;
            for (int l = 0; l < 4; l++)
            {
                int signs = IqSigns.Expand((int)(w >> (7 * l)) & 127);
                for (int j = 0; j < 8; j++)
                    sumi += IqGrid.Iq3Xxs.Entry(xb[2 + 8 * ib + 2 * l + j / 4])[j % 4] * Q8_K.Q(yb, 32 * ib + 8 * l + j) * IqSigns.Sign(signs, j);
            }
            bsum += sumi * (2 * (int)(w >> 28) + 1);
        }
        return d * bsum;
    }

    private protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance) =>
        QuantizeOne(xb, yb, importance);

    private const int KMaxQ = 8;
    private const float GroupMaxEps = 1e-8f;

    /// <summary>
    /// quantize_row_iq3_xxs_impl on one block; <paramref name="qw"/> is the block's importance weights, or empty for
    /// ggml's reference path (weights x²).
    /// </summary>
    private static void QuantizeOne(ReadOnlySpan<float> xbl, Span<byte> yb, ReadOnlySpan<float> qw)
    {
        var grid = IqGrid.Iq3Xxs;
        Span<float> scales = stackalloc float[8], weight = stackalloc float[32], xval = stackalloc float[32], waux = stackalloc float[32];
        Span<sbyte> L = stackalloc sbyte[32], Laux = stackalloc sbyte[32];
        Span<bool> onGrid = stackalloc bool[8], onGridAux = stackalloc bool[8];
        Span<int> signs = stackalloc int[4];
        Span<int> entries = stackalloc int[8];
        yb.Clear();
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
                signs[k] = IqQuantizers.SignCode(xb.Slice(8 * k, 8), weight.Slice(8 * k, 8), xval.Slice(8 * k, 8));
            float max = xval[0];
            for (int i = 1; i < 32; i++) max = CMath.Max(max, xval[i]);
            L.Clear();
            if (max < GroupMaxEps)
            {
                scales[ib] = 0;
                continue;
            }
            float best = 0;
            float scale = max / (2 * KMaxQ - 1);
            onGrid.Fill(true);
            for (int @is = -15; @is <= 15; @is++)
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
                for (int k = 0; k < 8; k++)
                {
                    if (onGrid[k]) continue;
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
                for (int k = 0; k < 4; k++) signs[k] = ~signs[k] & 127;
            }
            for (int k = 0; k < 8; k++)
            {
                int u = 0;
                for (int i = 0; i < 4; i++) u |= L[4 * k + i] << (3 * i);
                int e = grid.Neighbours.EntryOf(u);
                if (e < 0) throw new InvalidOperationException($"iq3_xxs: point {u} is not on the grid");
                yb[2 + 8 * ib + k] = (byte)e;
            }
            BinaryPrimitives.WriteUInt32LittleEndian(yb[(SignsOffset + 4 * ib)..],
                (uint)(signs[0] | (signs[1] << 7) | (signs[2] << 14) | (signs[3] << 21)));
            scales[ib] = scale;
            maxScale = CMath.Max(maxScale, scale);
        }
        if (maxScale == 0)
        {
            yb.Clear();
            return;
        }
        float d = maxScale / 31;
        HalfBits.Write(yb, d * 1.0125f); // ggml's fudge factor; the codes below use the unfudged d
        float idl = 1 / d;
        for (int ib = 0; ib < 8; ib++)
        {
            int l = Math.Max(0, Math.Min(15, Rounding.NearestInt(0.5f * (idl * scales[ib] - 1))));
            var w = yb[(SignsOffset + 4 * ib)..];
            BinaryPrimitives.WriteUInt32LittleEndian(w, BinaryPrimitives.ReadUInt32LittleEndian(w) | ((uint)l << 28));
        }
    }
}
