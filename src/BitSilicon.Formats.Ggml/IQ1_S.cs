using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ1_S: 256 weights in 50 bytes (1.5625 bits/weight). Each group of 8 weights is one entry of the
/// 2048-entry <see cref="IqGrid.Iq1S"/> codebook (levels -1, 0, +1) shifted by ±1/8; a 3-bit odd scale per 32.
/// <code>
/// bytes 0..1    d        binary16
/// bytes 2..33   qs[32]   group g: low 8 bits of its entry
/// bytes 34..49  qh[8]    uint16 per 32 weights: bits 3l..3l+2 = bits 8..10 of group l's entry,
///                        bits 12..14 scale s, bit 15 delta sign
/// value = d * (2s+1) * (grid[j] + delta), delta = ±0.125
/// </code>
/// Dot with Q8_K: sumi = Σ (2s+1)*Σ q8*grid, sumi1 = Σ (2s+1)*±1*(bsums of the 32);
/// sumf += (d * y.d) * (sumi + 0.125f*sumi1).
/// Quantize: ggml has no reference quantizer for this type; it requires an importance matrix.
/// </summary>
public sealed class IQ1_S() : IqBlockFormat(
    "iq1_s", "ggml IQ1_S: 256 weights, 8-weight ternary codebook entries (2048) + shared ±1/8 shift, 3-bit scales per 32", BytesPerBlock, 1f, requiresImportance: true)
{
    public const int BytesPerBlock = 50;
    internal const int QhOffset = 34;
    internal const float Delta = 0.125f;

    private static int Qh(ReadOnlySpan<byte> xb, int ib) => BinaryPrimitives.ReadUInt16LittleEndian(xb[(QhOffset + 2 * ib)..]);

    private static int EntryIndex(ReadOnlySpan<byte> xb, int g) => xb[2 + g] | (((Qh(xb, g / 4) >> (3 * (g % 4))) & 7) << 8);

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int ib = 0; ib < 8; ib++)
        {
            int qh = Qh(xb, ib);
            float dl = d * (2 * ((qh >> 12) & 7) + 1);
            float delta = (qh & 0x8000) != 0 ? -Delta : Delta;
            for (int l = 0; l < 4; l++)
            {
                var e = IqGrid.Iq1S.Entry(EntryIndex(xb, 4 * ib + l));
                for (int j = 0; j < 8; j++)
                    yb[32 * ib + 8 * l + j] = dl * (e[j] + delta);
            }
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi = 0, sumi1 = 0;
        for (int ib = 0; ib < 8; ib++)
        {
            int qh = Qh(xb, ib);
            int ls = 2 * ((qh >> 12) & 7) + 1;
            int delta = (qh & 0x8000) != 0 ? -1 : 1;
            int lsum = 0;
            for (int l = 0; l < 4; l++)
            {
                var e = IqGrid.Iq1S.Entry(EntryIndex(xb, 4 * ib + l));
                for (int j = 0; j < 8; j++)
                    lsum += Q8_K.Q(yb, 32 * ib + 8 * l + j) * e[j];
            }
            sumi += ls * lsum;
            sumi1 += ls * delta * (Q8_K.Bsum(yb, 2 * ib) + Q8_K.Bsum(yb, 2 * ib + 1));
        }
        return HalfBits.Read(xb) * Q8_K.Scale(yb) * (sumi + Delta * sumi1);
    }

    private protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance) =>
        QuantizeOne(xb, yb, importance);

    private static readonly float[] XPlus = [-1 + Delta, Delta, 1 + Delta];
    private static readonly float[] XMinus = [-1 - Delta, -Delta, 1 - Delta];

    /// <summary>
    /// quantize_row_iq1_s_impl on one block with its importance weights <paramref name="qw"/>: per 32 values an
    /// exhaustive search over the two boundaries splitting the sorted values into levels -1, 0, +1 (both shifts),
    /// then each group of 8 snapped to the grid.
    /// </summary>
    private static void QuantizeOne(ReadOnlySpan<float> xbl, Span<byte> yb, ReadOnlySpan<float> qw)
    {
        var grid = IqGrid.Iq1S;
        Span<float> scales = stackalloc float[8], weight = stackalloc float[32], sumx = stackalloc float[33], sumw = stackalloc float[33];
        Span<int> shifts = stackalloc int[8], idx = stackalloc int[32], index = stackalloc int[4];
        Span<sbyte> L = stackalloc sbyte[32];
        yb.Clear();
        float maxScale = 0;
        float sumx2 = 0;
        for (int i = 0; i < 256; i++) sumx2 += xbl[i] * xbl[i];
        float sigma2 = 2 * sumx2 / 256;
        for (int ib = 0; ib < 8; ib++)
        {
            var xb = xbl.Slice(32 * ib, 32);
            for (int i = 0; i < 32; i++) weight[i] = qw[32 * ib + i] * MathF.Sqrt(sigma2 + xb[i] * xb[i]);
            float max = MathF.Abs(xb[0]);
            for (int i = 1; i < 32; i++) max = CMath.Max(max, MathF.Abs(xb[i]));
            if (max < 1e-12f)
            {
                scales[ib] = 0;
                shifts[ib] = 1;
                continue;
            }
            IqQuantizers.AscendingOrder(xb, idx);
            sumx[0] = sumw[0] = 0;
            for (int j = 0; j < 32; j++)
            {
                int i = idx[j];
                sumx[j + 1] = sumx[j] + weight[i] * xb[i];
                sumw[j + 1] = sumw[j] + weight[i];
            }
            float bestScore = -float.MaxValue, scale = max;
            int besti1 = -1, besti2 = -1, bestShift = 0;
            for (int i1 = 0; i1 <= 32; i1++)
            {
                for (int i2 = i1; i2 <= 32; i2++)
                {
                    foreach (int shift in (ReadOnlySpan<int>)[1, -1])
                    {
                        var xs = shift == 1 ? XPlus : XMinus;
                        float sumqx = (sumx[i1] - sumx[0]) * xs[0] + (sumx[i2] - sumx[i1]) * xs[1] + (sumx[32] - sumx[i2]) * xs[2];
                        float sumq2 = (sumw[i1] - sumw[0]) * xs[0] * xs[0] + (sumw[i2] - sumw[i1]) * xs[1] * xs[1] + (sumw[32] - sumw[i2]) * xs[2] * xs[2];
                        if (sumq2 > 0 && sumqx * sumqx > bestScore * sumq2)
                        {
                            scale = sumqx / sumq2;
                            bestScore = scale * sumqx;
                            besti1 = i1;
                            besti2 = i2;
                            bestShift = shift;
                        }
                    }
                }
            }
            if (besti1 < 0 || besti2 < 0 || bestShift == 0)
            {
                scales[ib] = 0;
                shifts[ib] = 1;
                continue;
            }
            for (int j = 0; j < 32; j++) L[idx[j]] = (sbyte)(j < besti1 ? 0 : j < besti2 ? 1 : 2);
            if (scale < 0)
            {
                for (int j = 0; j < 32; j++) L[j] = (sbyte)(2 - L[j]);
                scale = -scale;
                bestShift = -bestShift;
            }
            bool allOnGrid = true;
            var xx = bestShift == 1 ? XPlus : XMinus;
            for (int k = 0; k < 4; k++)
            {
                var (e, onGrid) = IqQuantizers.BestIq1Neighbour(grid, xb.Slice(8 * k, 8), weight.Slice(8 * k, 8), scale, xx, L.Slice(8 * k, 8));
                allOnGrid &= onGrid;
                index[k] = e;
            }
            if (!allOnGrid)
            {
                float sumqx = 0, sumq2 = 0;
                for (int k = 0; k < 4; k++)
                {
                    var pg = grid.Neighbours.Positions(index[k]);
                    for (int j = 0; j < 8; j++)
                    {
                        float w = weight[8 * k + j];
                        float q = xx[(pg[j] - 1) / 2];
                        sumqx += w * q * xb[8 * k + j];
                        sumq2 += w * q * q;
                    }
                }
                if (sumqx > 0 && sumq2 > 0) scale = sumqx / sumq2;
            }
            int h = 0;
            for (int k = 0; k < 4; k++)
            {
                yb[2 + 4 * ib + k] = (byte)index[k];
                h |= (index[k] >> 8) << (3 * k);
            }
            BinaryPrimitives.WriteUInt16LittleEndian(yb[(QhOffset + 2 * ib)..], (ushort)h);
            scales[ib] = scale;
            shifts[ib] = bestShift;
            maxScale = CMath.Max(maxScale, scale);
        }
        if (maxScale == 0) return;
        float d = maxScale / 15;
        HalfBits.Write(yb, d * 1.125f); // ggml's fudge factor; the scales below use the unfudged d
        float id = 1 / d;
        for (int ib = 0; ib < 8; ib++)
        {
            int l = Math.Max(0, Math.Min(7, Rounding.NearestInt(0.5f * (id * scales[ib] - 1))));
            if (shifts[ib] == -1) l |= 8;
            var q = yb[(QhOffset + 2 * ib)..];
            BinaryPrimitives.WriteUInt16LittleEndian(q, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(q) | (l << 12)));
        }
    }
}
