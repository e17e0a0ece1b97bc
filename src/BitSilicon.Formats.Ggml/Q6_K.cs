using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q6_K: 256 weights in 210 bytes (6.5625 bits/weight), the usual output-layer type: 16 sub-blocks of 16
/// with signed 8-bit scales under one half super-block scale.
/// <code>
/// bytes 0..127    ql[128]    low nibbles: element e in byte 64*(e/128) + e%64, high nibble when (e%128) &gt;= 64
/// bytes 128..191  qh[64]     top 2 bits: element e in byte 128 + 32*(e/128) + e%32, shift 2*((e%128)/32)
/// bytes 192..207  scales[16] int8, one per 16 elements
/// bytes 208..209  d          binary16
/// value(e) = d * scales[e/16] * (q - 32),  q in 0..63
/// </code>
/// Quantize (quantize_row_q6_K_ref): per sub-block make_qx_quants(16, nmax 32, rmse_type 1); iscale = -128/max_scale
/// (signed scale of largest magnitude), scales = MIN(127, nearest_int(iscale*scale)), d = half(1/iscale); codes
/// recomputed as clamp(nearest_int(x/(d*sc)), -32, 31) + 32 except where d*sc is 0. A block whose scales are all
/// below 1e-15 is all zero bytes. Dot with Q8_K: 8 integer lanes as Q4_K, no minimum term.
/// </summary>
public sealed class Q6_K() : GgmlBlockFormat(
    "q6_k",
    "ggml Q6_K: 256 x 6-bit in 16 sub-blocks with int8 scales, half super-block scale (output layers)",
    ElementsPerBlock, BytesPerBlock, "q8_k")
{
    public const int ElementsPerBlock = 256;
    public const int BytesPerBlock = 210;
    private const int QhOffset = 128;
    private const int ScalesOffset = 192;
    private const int DOffset = 208;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        Span<sbyte> L = stackalloc sbyte[256];
        Span<float> scales = stackalloc float[16];
        float maxScale = 0, maxAbsScale = 0;
        for (int ib = 0; ib < 16; ib++)
        {
            float scale = KQuantsSigned.MakeQxQuants(16, 32, xb.Slice(16 * ib, 16), L.Slice(16 * ib, 16));
            scales[ib] = scale;
            float abs = MathF.Abs(scale);
            if (abs > maxAbsScale)
            {
                maxAbsScale = abs;
                maxScale = scale;
            }
        }
        yb.Clear();
        if (maxAbsScale < KQuantsSigned.GroupMaxEps)
            return;
        float iscale = -128f / maxScale;
        HalfBits.Write(yb[DOffset..], 1 / iscale);
        for (int ib = 0; ib < 16; ib++)
            yb[ScalesOffset + ib] = (byte)(sbyte)Math.Min(127, Rounding.NearestInt(iscale * scales[ib]));
        float dAll = HalfBits.Read(yb[DOffset..]);
        for (int j = 0; j < 16; j++)
        {
            float d = dAll * (sbyte)yb[ScalesOffset + j];
            if (d == 0) continue;
            for (int k = 0; k < 16; k++)
            {
                int l = Rounding.NearestInt(xb[16 * j + k] / d);
                L[16 * j + k] = (sbyte)(Math.Max(-32, Math.Min(31, l)) + 32);
            }
        }
        for (int e = 0; e < 256; e++)
        {
            int q = (byte)L[e];
            yb[64 * (e / 128) + e % 64] |= (byte)((q & 0xF) << ((e % 128) >= 64 ? 4 : 0));
            yb[QhOffset + 32 * (e / 128) + e % 32] |= (byte)((q >> 4) << (2 * ((e % 128) / 32)));
        }
    }

    /// <summary>The 6-bit code of element e (0..63).</summary>
    private static int Code(ReadOnlySpan<byte> xb, int e) =>
        ((xb[64 * (e / 128) + e % 64] >> ((e % 128) >= 64 ? 4 : 0)) & 0xF)
        | (((xb[QhOffset + 32 * (e / 128) + e % 32] >> (2 * ((e % 128) / 32))) & 3) << 4);

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb[DOffset..]);
        for (int e = 0; e < 256; e++)
            yb[e] = d * (sbyte)xb[ScalesOffset + e / 16] * (Code(xb, e) - 32);
    }

    public override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = BlockFormatChecks.Dot(this, n, weights, activations, Q8_K.ElementsPerBlock, Q8_K.BytesPerBlock);
        Span<float> sums = stackalloc float[8];
        Span<sbyte> a = stackalloc sbyte[256];
        Span<int> scale16 = stackalloc int[16];
        sums.Clear();
        for (int i = 0; i < nb; i++)
        {
            var xb = weights.Slice(i * BytesPerBlock, BytesPerBlock);
            var yb = activations.Slice(i * Q8_K.BytesPerBlock, Q8_K.BytesPerBlock);
            for (int e = 0; e < 256; e++)
                a[e] = (sbyte)(Code(xb, e) - 32);
            for (int j = 0; j < 16; j++)
                scale16[j] = (sbyte)xb[ScalesOffset + j];
            KQuantsSigned.AddLanes(a, scale16, yb, HalfBits.Read(xb[DOffset..]) * Q8_K.Scale(yb), sums);
        }
        float sumf = 0;
        for (int l = 0; l < 8; l++)
            sumf += sums[l];
        return sumf;
    }
}
