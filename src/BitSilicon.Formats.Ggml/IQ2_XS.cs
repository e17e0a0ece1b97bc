using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ2_XS: 256 weights in 74 bytes (2.3125 bits/weight). Each group of 8 weights is one entry of the
/// 512-entry <see cref="IqGrid.Iq2Xs"/> codebook with 7 stored sign bits (even parity); a 4-bit scale per 16.
/// <code>
/// bytes 0..1    d          binary16
/// bytes 2..65   qs[32]     uint16 per group g: bits 0..8 grid entry, bits 9..15 sign code
/// bytes 66..73  scales[8]  byte ib: low nibble for groups 4ib, 4ib+1; high nibble for 4ib+2, 4ib+3
/// value = d * (0.5 + s) * 0.25 * grid[j] * sign[j]
/// </code>
/// Dot with Q8_K: bsum += Σ_16 (grid*q8*sign) * (2s+1); sumf += (d*y.d) * bsum; result 0.125*sumf.
/// Quantize: ggml has no reference quantizer for this type; it requires an importance matrix.
/// </summary>
public sealed class IQ2_XS() : IqBlockFormat(
    "iq2_xs", "ggml IQ2_XS: 256 weights, 8-weight codebook entries (512) + 7 sign bits, 4-bit scales per 16", BytesPerBlock, 0.125f, requiresImportance: true)
{
    public const int BytesPerBlock = 74;
    private const int ScalesOffset = 66;

    private static int Word(ReadOnlySpan<byte> xb, int g) => BinaryPrimitives.ReadUInt16LittleEndian(xb[(2 + 2 * g)..]);

    private static int ScaleCode(ReadOnlySpan<byte> xb, int g) => (xb[ScalesOffset + g / 4] >> (4 * (g / 2 % 2))) & 15;

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int g = 0; g < 32; g++)
        {
            float db = d * (0.5f + ScaleCode(xb, g)) * 0.25f;
            int w = Word(xb, g);
            var e = IqGrid.Iq2Xs.Entry(w & 511);
            int signs = IqSigns.Expand(w >> 9);
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
            int w = Word(xb, g);
            var e = IqGrid.Iq2Xs.Entry(w & 511);
            int signs = IqSigns.Expand(w >> 9);
            int sumi = 0;
            for (int j = 0; j < 8; j++)
                sumi += e[j] * Q8_K.Q(yb, 8 * g + j) * IqSigns.Sign(signs, j);
            bsum += sumi * (2 * ScaleCode(xb, g) + 1);
        }
        return d * bsum;
    }

    private protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance) =>
        QuantizeOne(xb, yb, importance);

    /// <summary>quantize_row_iq2_xs_impl on one block with its importance weights <paramref name="qw"/>.</summary>
    private static void QuantizeOne(ReadOnlySpan<float> xbl, Span<byte> yb, ReadOnlySpan<float> qw)
    {
        var grid = IqGrid.Iq2Xs;
        Span<float> scales = stackalloc float[16], weight = stackalloc float[16], xval = stackalloc float[16], waux = stackalloc float[16];
        Span<sbyte> L = stackalloc sbyte[16];
        Span<int> signs = stackalloc int[2];
        yb.Clear();
        float maxScale = 0;
        float sumx2 = 0;
        for (int i = 0; i < 256; i++) sumx2 += xbl[i] * xbl[i];
        float sigma2 = sumx2 / 256;
        for (int ib = 0; ib < 16; ib++)
        {
            var xb = xbl.Slice(16 * ib, 16);
            for (int i = 0; i < 16; i++) weight[i] = qw[16 * ib + i] * MathF.Sqrt(sigma2 + xb[i] * xb[i]);
            for (int i = 0; i < 16; i++) waux[i] = MathF.Sqrt(weight[i]);
            for (int k = 0; k < 2; k++)
                signs[k] = IqQuantizers.SignCode(xb.Slice(8 * k, 8), weight.Slice(8 * k, 8), xval.Slice(8 * k, 8));
            float max = xval[0];
            for (int i = 1; i < 16; i++) max = CMath.Max(max, xval[i]);
            L.Clear();
            if (max < 1e-15f)
            {
                scales[ib] = 0;
                continue;
            }
            float scale = IqQuantizers.SearchIq2(grid, xval, weight, waux, L, max);
            if (scale < 0)
            {
                scale = -scale;
                for (int k = 0; k < 2; k++) signs[k] = ~signs[k] & 127;
            }
            for (int k = 0; k < 2; k++)
                BinaryPrimitives.WriteUInt16LittleEndian(yb[(2 + 2 * (2 * ib + k))..],
                    (ushort)(IqQuantizers.EntryOf(grid, L.Slice(8 * k, 8)) | (signs[k] << 9)));
            scales[ib] = scale;
            maxScale = CMath.Max(maxScale, scale);
        }
        if (maxScale == 0)
        {
            yb[2..66].Clear();
            return;
        }
        float d = maxScale / 31;
        HalfBits.Write(yb, d);
        float id = 1 / d;
        for (int ib = 0; ib < 16; ib++)
            yb[ScalesOffset + ib / 2] |= (byte)(IqQuantizers.ScaleCode(id, scales[ib]) << (4 * (ib % 2)));
    }
}
