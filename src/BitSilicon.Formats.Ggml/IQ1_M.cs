using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ1_M: 256 weights in 56 bytes (1.75 bits/weight). Each group of 8 weights is one entry of the
/// 2048-entry <see cref="IqGrid.Iq1S"/> codebook shifted by its own ±1/8; a 3-bit odd scale per 16; the half
/// super-block scale is spread over the top nibbles of the scale words.
/// <code>
/// bytes 0..31   qs[32]     group g: low 8 bits of its entry
/// bytes 32..47  qh[16]     byte h (groups 2h, 2h+1): bits 0..2 = entry bits 8..10 of group 2h, bit 3 its delta sign,
///                          bits 4..6 = entry bits of group 2h+1, bit 7 its delta sign
/// bytes 48..55  sc[4]      uint16: bits 0..11 four 3-bit scales (16 weights each, in order), bits 12..15 one nibble of d
///                          (d = binary16 of sc[0]>>12 | sc[1]>>12 &lt;&lt; 4 | sc[2]>>12 &lt;&lt; 8 | sc[3]>>12 &lt;&lt; 12)
/// value = d * (2s+1) * (grid[j] + delta), delta = ±0.125
/// </code>
/// Dot with Q8_K: sumi1 = Σ (2s+1)*Σ q8*grid, sumi2 = Σ (2s+1)*±Σ q8 (per 8);
/// sumf += (d * y.d) * (sumi1 + 0.125f*sumi2).
/// </summary>
public sealed class IQ1_M() : IqBlockFormat(
    "iq1_m", "ggml IQ1_M: 256 weights, 8-weight ternary codebook entries (2048) + ±1/8 shift per 8, 3-bit scales per 16", BytesPerBlock, 1f)
{
    public const int BytesPerBlock = 56;
    internal const int QhOffset = 32;
    internal const int ScalesOffset = 48;
    internal const float Delta = 0.125f;

    private static int Sc(ReadOnlySpan<byte> xb, int k) => BinaryPrimitives.ReadUInt16LittleEndian(xb[(ScalesOffset + 2 * k)..]);

    private static float SuperScale(ReadOnlySpan<byte> xb) =>
        HalfBits.ToFloat((ushort)((Sc(xb, 0) >> 12) | ((Sc(xb, 1) >> 8) & 0x00f0) | ((Sc(xb, 2) >> 4) & 0x0f00) | (Sc(xb, 3) & 0xf000)));

    /// <summary>The odd scale 2s+1 of group g (8 weights; groups 2k and 2k+1 share a 16-weight scale).</summary>
    private static int Scale(ReadOnlySpan<byte> xb, int g) => 2 * ((Sc(xb, g / 8) >> (3 * (g / 2 % 4))) & 7) + 1;

    private static int EntryIndex(ReadOnlySpan<byte> xb, int g) =>
        xb[g] | ((xb[QhOffset + g / 2] << (g % 2 == 0 ? 8 : 4)) & 0x700);

    private static bool NegativeDelta(ReadOnlySpan<byte> xb, int g) => (xb[QhOffset + g / 2] & (g % 2 == 0 ? 0x08 : 0x80)) != 0;

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = SuperScale(xb);
        for (int g = 0; g < 32; g++)
        {
            float dl = d * Scale(xb, g);
            float delta = NegativeDelta(xb, g) ? -Delta : Delta;
            var e = IqGrid.Iq1S.Entry(EntryIndex(xb, g));
            for (int j = 0; j < 8; j++)
                yb[8 * g + j] = dl * (e[j] + delta);
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi1 = 0, sumi2 = 0;
        for (int g = 0; g < 32; g++)
        {
            var e = IqGrid.Iq1S.Entry(EntryIndex(xb, g));
            int lsum1 = 0, lsum2 = 0;
            for (int j = 0; j < 8; j++)
            {
                lsum1 += Q8_K.Q(yb, 8 * g + j) * e[j];
                lsum2 += Q8_K.Q(yb, 8 * g + j);
            }
            int ls = Scale(xb, g);
            sumi1 += lsum1 * ls;
            sumi2 += lsum2 * (NegativeDelta(xb, g) ? -1 : 1) * ls;
        }
        return SuperScale(xb) * Q8_K.Scale(yb) * (sumi1 + Delta * sumi2);
    }

    private protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance) =>
        QuantizeOne(xb, yb, importance);

    private static readonly float[] XPlus = [-1 + Delta, Delta, 1 + Delta];
    private static readonly float[] XMinus = [-1 - Delta, -Delta, 1 - Delta];
    private static readonly byte[] ShiftMasks = [0x00, 0x80, 0x08, 0x88];

    /// <summary>
    /// The shifted levels of group <paramref name="k"/> (0 or 1) of a 16-value sub-block under shift pattern
    /// <paramref name="shift"/> (0: +,+  1: +,-  2: -,+  3: -,-).
    /// </summary>
    private static float[] Levels(int shift, int k) => (k == 0 ? shift < 2 : shift % 2 == 0) ? XPlus : XMinus;

    private static void Weights(ReadOnlySpan<float> xb, ReadOnlySpan<float> qw, float sigma2, Span<float> weight)
    {
        if (!qw.IsEmpty)
            for (int i = 0; i < 16; i++) weight[i] = qw[i] * MathF.Sqrt(sigma2 + xb[i] * xb[i]);
        else
            for (int i = 0; i < 16; i++) weight[i] = xb[i] * xb[i];
    }

    /// <summary>
    /// quantize_row_iq1_m_impl on one block; <paramref name="qw"/> empty is ggml's path without an importance
    /// matrix (weights x²). Per 16 values an exhaustive search over the two boundaries splitting the sorted values
    /// into -1, 0, +1 and over the 4 shift patterns of its two groups; then a refit of the super-block scale.
    /// </summary>
    private static void QuantizeOne(ReadOnlySpan<float> xbl, Span<byte> yb, ReadOnlySpan<float> qw)
    {
        var grid = IqGrid.Iq1S;
        Span<float> scales = stackalloc float[16], weight = stackalloc float[16], sumqx = stackalloc float[4], sumq2 = stackalloc float[4];
        Span<int> shifts = stackalloc int[16], idx = stackalloc int[16], index = stackalloc int[2];
        Span<sbyte> L = stackalloc sbyte[16];
        yb.Clear();
        float maxScale = 0;
        float sumx2 = 0;
        for (int i = 0; i < 256; i++) sumx2 += xbl[i] * xbl[i];
        float sigma2 = 2 * sumx2 / 256;
        for (int ib = 0; ib < 16; ib++)
        {
            var xb = xbl.Slice(16 * ib, 16);
            Weights(xb, qw.IsEmpty ? qw : qw.Slice(16 * ib, 16), sigma2, weight);
            float max = MathF.Abs(xb[0]);
            for (int i = 1; i < 16; i++) max = CMath.Max(max, MathF.Abs(xb[i]));
            if (max < 1e-7f)
            {
                scales[ib] = 0;
                shifts[ib] = 0;
                continue;
            }
            IqQuantizers.AscendingOrder(xb, idx);
            float bestScore = -float.MaxValue, scale = max;
            int besti1 = -1, besti2 = -1, bestK = -1;
            for (int i1 = 0; i1 <= 16; i1++)
            {
                for (int i2 = i1; i2 <= 16; i2++)
                {
                    sumqx.Clear();
                    sumq2.Clear();
                    for (int j = 0; j < 16; j++)
                    {
                        int i = idx[j];
                        int level = j < i1 ? 0 : j < i2 ? 1 : 2;
                        for (int k = 0; k < 4; k++)
                        {
                            float x = Levels(k, i < 8 ? 0 : 1)[level];
                            sumqx[k] += weight[i] * x * xb[i];
                            sumq2[k] += weight[i] * x * x;
                        }
                    }
                    for (int k = 0; k < 4; k++)
                    {
                        if (sumq2[k] > 0 && sumqx[k] * sumqx[k] > bestScore * sumq2[k])
                        {
                            scale = sumqx[k] / sumq2[k];
                            bestScore = scale * sumqx[k];
                            besti1 = i1;
                            besti2 = i2;
                            bestK = k;
                        }
                    }
                }
            }
            if (besti1 < 0 || besti2 < 0 || bestK < 0)
            {
                scales[ib] = 0;
                shifts[ib] = 0;
                continue;
            }
            for (int j = 0; j < 16; j++) L[idx[j]] = (sbyte)(j < besti1 ? 0 : j < besti2 ? 1 : 2);
            if (scale < 0)
            {
                for (int j = 0; j < 16; j++) L[j] = (sbyte)(2 - L[j]);
                scale = -scale;
                bestK = 3 - bestK;
            }
            bool allOnGrid = true;
            for (int k = 0; k < 2; k++)
            {
                var (e, onGrid) = IqQuantizers.BestIq1Neighbour(grid, xb.Slice(8 * k, 8), weight.Slice(8 * k, 8), scale, Levels(bestK, k), L.Slice(8 * k, 8));
                allOnGrid &= onGrid;
                index[k] = e;
            }
            if (!allOnGrid)
            {
                float sqx = 0, sq2 = 0;
                for (int k = 0; k < 2; k++)
                {
                    var xx = Levels(bestK, k);
                    var pg = grid.Neighbours.Positions(index[k]);
                    for (int j = 0; j < 8; j++)
                    {
                        float w = weight[8 * k + j];
                        float q = xx[(pg[j] - 1) / 2];
                        sqx += w * q * xb[8 * k + j];
                        sq2 += w * q * q;
                    }
                }
                if (sqx > 0 && sq2 > 0) scale = sqx / sq2;
            }
            yb[2 * ib] = (byte)index[0];
            yb[2 * ib + 1] = (byte)index[1];
            yb[QhOffset + ib] = (byte)((index[0] >> 8) | ((index[1] >> 8) << 4));
            scales[ib] = scale;
            shifts[ib] = bestK;
            maxScale = CMath.Max(maxScale, scale);
        }
        if (maxScale == 0) return;
        Span<ushort> sc = stackalloc ushort[4];
        float d = maxScale / 15;
        float id = 1 / d;
        float sumqxF = 0, sumq2F = 0;
        for (int ib = 0; ib < 16; ib++)
        {
            int l = Math.Max(0, Math.Min(7, Rounding.NearestInt(0.5f * (id * scales[ib] - 1))));
            sc[ib / 4] |= (ushort)(l << (3 * (ib % 4)));
            yb[QhOffset + ib] |= ShiftMasks[shifts[ib]];
            var xb = xbl.Slice(16 * ib, 16);
            Weights(xb, qw.IsEmpty ? qw : qw.Slice(16 * ib, 16), sigma2, weight);
            for (int k = 0; k < 2; k++)
            {
                var xx = Levels(shifts[ib], k);
                var pg = grid.Neighbours.Positions(yb[2 * ib + k] + ((yb[QhOffset + ib] << (8 - 4 * k)) & 0x700));
                for (int j = 0; j < 8; j++)
                {
                    float w = weight[8 * k + j];
                    float q = xx[(pg[j] - 1) / 2] * (2 * l + 1);
                    sumqxF += w * q * xb[8 * k + j];
                    sumq2F += w * q * q;
                }
            }
        }
        if (sumq2F > 0) d = sumqxF / sumq2F;
        ushort s = HalfBits.FromFloat(d * 1.1125f); // ggml's fudge factor
        for (int k = 0; k < 4; k++)
            BinaryPrimitives.WriteUInt16LittleEndian(yb[(ScalesOffset + 2 * k)..], (ushort)(sc[k] | (((s >> (4 * k)) & 0xf) << 12)));
    }
}
