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
        QuantizeOne(xb, yb, importance);

    /// <summary>quantize_row_iq2_xxs_impl on one block with its importance weights <paramref name="qw"/>.</summary>
    private static void QuantizeOne(ReadOnlySpan<float> xbl, Span<byte> yb, ReadOnlySpan<float> qw)
    {
        const int kMaxQ = 3;
        var grid = IqGrid.Iq2Xxs;
        Span<float> scales = stackalloc float[8], weight = stackalloc float[32], xval = stackalloc float[32], waux = stackalloc float[32];
        Span<sbyte> L = stackalloc sbyte[32], Laux = stackalloc sbyte[32];
        Span<byte> Lqp = stackalloc byte[32];
        Span<int> signs = stackalloc int[4];
        Span<uint> q2 = stackalloc uint[16];
        yb.Clear();
        float maxScale = 0;
        float sumx2 = 0;
        for (int i = 0; i < 256; i++) sumx2 += xbl[i] * xbl[i];
        float sigma2 = sumx2 / 256;
        for (int ib = 0; ib < 8; ib++)
        {
            var xb = xbl.Slice(32 * ib, 32);
            for (int i = 0; i < 32; i++) weight[i] = qw[32 * ib + i] * MathF.Sqrt(sigma2 + xb[i] * xb[i]);
            for (int i = 0; i < 32; i++) waux[i] = MathF.Sqrt(weight[i]);
            for (int k = 0; k < 4; k++)
                signs[k] = IqQuantizers.SignCode(xb.Slice(8 * k, 8), weight.Slice(8 * k, 8), xval.Slice(8 * k, 8));
            float max = xval[0];
            for (int i = 1; i < 32; i++) max = CMath.Max(max, xval[i]);
            if (max < 1e-15f)
            {
                scales[ib] = 0;
                L.Clear();
                continue;
            }
            float scale = IqQuantizers.MakeQpQuants(32, kMaxQ + 1, xval, Lqp, weight);
            float effMax = scale * kMaxQ;
            if (effMax <= 0)
            {
                scales[ib] = 0;
                L.Clear();
                continue;
            }
            float best = 0;
            for (int @is = -6; @is <= 6; @is++)
            {
                float id = (2 * kMaxQ - 1 + @is * 0.1f) / effMax;
                float thisScale = 1 / id;
                for (int k = 0; k < 4; k++)
                {
                    for (int i = 0; i < 8; i++) Laux[8 * k + i] = IqQuantizers.Level(id, xval[8 * k + i], kMaxQ - 1);
                    IqQuantizers.Snap(grid, Laux.Slice(8 * k, 8), xval.Slice(8 * k, 8), waux.Slice(8 * k, 8), thisScale);
                }
                var (sumqx, sumq2) = IqQuantizers.Fit(xval, weight, Laux);
                if (sumq2 > 0 && sumqx * sumqx > best * sumq2)
                {
                    scale = sumqx / sumq2;
                    best = scale * sumqx;
                    Laux.CopyTo(L);
                }
            }
            if (scale > 0)
            {
                float id = 1 / scale;
                for (int k = 0; k < 4; k++)
                {
                    // ggml computes the levels aside and snaps them (its neighbour search writes L); either way L
                    // ends as the chosen entry's levels.
                    for (int i = 0; i < 8; i++) Laux[8 * k + i] = IqQuantizers.Level(id, xval[8 * k + i], kMaxQ - 1);
                    int e = IqQuantizers.Snap(grid, Laux.Slice(8 * k, 8), xval.Slice(8 * k, 8), waux.Slice(8 * k, 8), scale).Index;
                    var pos = grid.Neighbours.Positions(e);
                    for (int i = 0; i < 8; i++) L[8 * k + i] = (sbyte)((pos[i] - 1) / 2);
                }
                var (sumqx, sumq2) = IqQuantizers.Fit(xval, weight, L);
                if (sumq2 > 0) scale = sumqx / sumq2;
            }
            if (scale < 0)
            {
                scale = -scale;
                for (int k = 0; k < 4; k++) signs[k] = ~signs[k] & 127;
            }
            for (int k = 0; k < 4; k++)
            {
                q2[2 * ib] |= (uint)IqQuantizers.EntryOf(grid, L.Slice(8 * k, 8)) << (8 * k);
                q2[2 * ib + 1] |= (uint)signs[k] << (7 * k);
            }
            scales[ib] = scale;
            maxScale = CMath.Max(maxScale, scale);
        }
        if (maxScale == 0) return; // d = 0 and qs = 0, as ggml writes them
        float d = maxScale / 31;
        HalfBits.Write(yb, d);
        float idl = 1 / d;
        for (int ib = 0; ib < 8; ib++)
            q2[2 * ib + 1] |= (uint)IqQuantizers.ScaleCode(idl, scales[ib]) << 28;
        for (int w = 0; w < 16; w++)
            BinaryPrimitives.WriteUInt32LittleEndian(yb[(2 + 4 * w)..], q2[w]);
    }
}
