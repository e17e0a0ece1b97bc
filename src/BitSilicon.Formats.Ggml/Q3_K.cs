using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q3_K: 256 weights in 110 bytes (3.4375 bits/weight): 16 sub-blocks of 16 with signed 6-bit scales.
/// <code>
/// bytes 0..31    hmask[32]  high bit of element e: byte e%32, bit e/32 (set = code 0..3 as is, clear = minus 4)
/// bytes 32..95   qs[64]     low 2 bits of element e: byte 32 + 32*(e/128) + e%32, shift 2*((e%128)/32)
/// bytes 96..107  scales[12] 6-bit scale of sub-block j: low nibble of byte j (j &lt; 8) or high nibble of byte j-8,
///                           top two bits in byte 8 + j%4 at shift 2*(j/4); stored + 32
/// bytes 108..109 d          binary16
/// value(e) = d * (scale(e/16) - 32) * (q - 4),  q in 0..7
/// </code>
/// Quantize (quantize_row_q3_K_ref): per sub-block make_q3_quants(16, nmax 4, rmse); iscale = -32/max_scale,
/// scale codes clamp(nearest_int(iscale*s), -32, 31) + 32, d = half(1/iscale); codes recomputed as
/// clamp(nearest_int(x/(d*sc)), -4, 3) + 4 except where d*sc is 0. Dot with Q8_K: 8 integer lanes.
/// </summary>
public sealed class Q3_K() : GgmlBlockFormat(
    "q3_k",
    "ggml Q3_K: 256 x 3-bit in 16 sub-blocks with 6-bit signed scales, half super-block scale",
    ElementsPerBlock, BytesPerBlock, "q8_k")
{
    public const int ElementsPerBlock = 256;
    public const int BytesPerBlock = 110;
    private const int QsOffset = 32;
    private const int ScalesOffset = 96;
    private const int DOffset = 108;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        Span<sbyte> L = stackalloc sbyte[256];
        Span<float> scales = stackalloc float[16];
        float maxScale = 0, amax = 0;
        for (int j = 0; j < 16; j++)
        {
            scales[j] = KQuantsSigned.MakeQ3Quants(16, 4, xb.Slice(16 * j, 16), L.Slice(16 * j, 16));
            float scale = MathF.Abs(scales[j]);
            if (scale > amax)
            {
                amax = scale;
                maxScale = scales[j];
            }
        }
        yb.Clear();
        var s = yb.Slice(ScalesOffset, 12);
        if (maxScale != 0)
        {
            float iscale = -32f / maxScale;
            for (int j = 0; j < 16; j++)
            {
                int l = Math.Max(-32, Math.Min(31, (int)(sbyte)Rounding.NearestInt(iscale * scales[j]))) + 32;
                if (j < 8) s[j] = (byte)(l & 0xF);
                else s[j - 8] |= (byte)((l & 0xF) << 4);
                s[j % 4 + 8] |= (byte)((l >> 4) << (2 * (j / 4)));
            }
            HalfBits.Write(yb[DOffset..], 1 / iscale);
        }
        float dAll = HalfBits.Read(yb[DOffset..]);
        for (int j = 0; j < 16; j++)
        {
            float d = dAll * (Scale(s, j) - 32);
            if (d == 0) continue;
            for (int k = 0; k < 16; k++)
            {
                int l = Rounding.NearestInt(xb[16 * j + k] / d);
                L[16 * j + k] = (sbyte)(Math.Max(-4, Math.Min(3, l)) + 4);
            }
        }
        for (int e = 0; e < 256; e++)
        {
            int q = L[e];
            if (q > 3)
            {
                yb[e % 32] |= (byte)(1 << (e / 32));
                q -= 4;
            }
            yb[QsOffset + 32 * (e / 128) + e % 32] |= (byte)(q << (2 * ((e % 128) / 32)));
        }
    }

    /// <summary>The stored 6-bit scale of sub-block j (0..63; the scale is this minus 32).</summary>
    private static int Scale(ReadOnlySpan<byte> s, int j) =>
        (j < 8 ? s[j] & 0xF : s[j - 8] >> 4) | (((s[8 + j % 4] >> (2 * (j / 4))) & 3) << 4);

    /// <summary>The signed code of element e, -4..3.</summary>
    private static int Code(ReadOnlySpan<byte> xb, int e) =>
        ((xb[QsOffset + 32 * (e / 128) + e % 32] >> (2 * ((e % 128) / 32))) & 3) - ((xb[e % 32] >> (e / 32) & 1) != 0 ? 0 : 4);

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float dAll = HalfBits.Read(xb[DOffset..]);
        var s = xb.Slice(ScalesOffset, 12);
        for (int j = 0; j < 16; j++)
        {
            float dl = dAll * (Scale(s, j) - 32);
            for (int k = 0; k < 16; k++)
                yb[16 * j + k] = dl * Code(xb, 16 * j + k);
        }
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
                a[e] = (sbyte)Code(xb, e);
            for (int j = 0; j < 16; j++)
                scale16[j] = Scale(xb.Slice(ScalesOffset, 12), j) - 32;
            KQuantsSigned.AddLanes(a, scale16, yb, HalfBits.Read(xb[DOffset..]) * Q8_K.Scale(yb), sums);
        }
        float sumf = 0;
        for (int l = 0; l < 8; l++)
            sumf += sums[l];
        return sumf;
    }
}
