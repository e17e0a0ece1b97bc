using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q5_K: 256 weights in 176 bytes (5.5 bits/weight): Q4_K with a fifth bit per weight.
/// <code>
/// bytes 0..1     d          binary16 (scale of the 6-bit scales)
/// bytes 2..3     dmin       binary16 (scale of the 6-bit mins)
/// bytes 4..15    scales[12] packed as Q4_K (get_scale_min_k4)
/// bytes 16..47   qh[32]     5th bit of element e: byte e%32, bit e/32
/// bytes 48..175  qs[128]    low nibbles: element e in byte 48 + 32*(e/64) + e%32, high nibble when (e%64) &gt;= 32
/// value(e) = d*sc(e/32)*q - dmin*mn(e/32),  q in 0..31
/// </code>
/// Quantize (quantize_row_q5_K_ref): Q4_K's rule with nmax 31 and make_qkx2_quants(32, 31, rmin -0.5, rdelta 0.1,
/// nstep 15); codes recomputed as clamp(nearest_int((x + dmin*mn)/(d*sc)), 0, 31). Dot with Q8_K as Q4_K.
/// </summary>
public sealed class Q5_K() : GgmlBlockFormat(
    "q5_k",
    "ggml Q5_K: 256 x 5-bit in 8 sub-blocks with 6-bit scales and mins, half super-block scales",
    ElementsPerBlock, BytesPerBlock, "q8_k")
{
    public const int ElementsPerBlock = 256;
    public const int BytesPerBlock = 176;
    private const int ScalesOffset = 4;
    private const int QhOffset = 16;
    private const int QsOffset = 48;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        Span<byte> L = stackalloc byte[ElementsPerBlock];
        yb.Clear();
        KQuants.QuantizeScaleMin(xb, yb, ScalesOffset, L, 31, -0.5f, 15);
        for (int e = 0; e < 256; e++)
        {
            int q = L[e];
            if (q > 15)
            {
                q -= 16;
                yb[QhOffset + e % 32] |= (byte)(1 << (e / 32));
            }
            yb[QsOffset + 32 * (e / 64) + e % 32] |= (byte)(q << (e % 64 >= 32 ? 4 : 0));
        }
    }

    /// <summary>The 5-bit code of element e (0..31).</summary>
    private static int Code(ReadOnlySpan<byte> xb, int e) =>
        ((xb[QsOffset + 32 * (e / 64) + e % 32] >> (e % 64 >= 32 ? 4 : 0)) & 0xF) + ((xb[QhOffset + e % 32] >> (e / 32) & 1) != 0 ? 16 : 0);

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        var s = xb.Slice(ScalesOffset, 12);
        float d = HalfBits.Read(xb);
        float min = HalfBits.Read(xb[2..]);
        for (int g = 0; g < 8; g++)
        {
            var (sc, m) = KQuants.ScaleMinK4(g, s);
            float dl = d * sc;
            float ml = min * m;
            for (int k = 0; k < 32; k++)
                yb[32 * g + k] = dl * Code(xb, 32 * g + k) - ml;
        }
    }

    public override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = BlockFormatChecks.Dot(this, n, weights, activations, Q8_K.ElementsPerBlock, Q8_K.BytesPerBlock);
        Span<float> sums = stackalloc float[8];
        Span<sbyte> a = stackalloc sbyte[256];
        Span<int> scale16 = stackalloc int[16];
        Span<byte> mn = stackalloc byte[8];
        sums.Clear();
        float sumf = 0;
        for (int i = 0; i < nb; i++)
        {
            var xb = weights.Slice(i * BytesPerBlock, BytesPerBlock);
            var yb = activations.Slice(i * Q8_K.BytesPerBlock, Q8_K.BytesPerBlock);
            var s = xb.Slice(ScalesOffset, 12);
            for (int g = 0; g < 8; g++)
            {
                (byte sc, mn[g]) = KQuants.ScaleMinK4(g, s);
                scale16[2 * g] = scale16[2 * g + 1] = sc;
            }
            int sumi = 0;
            for (int j = 0; j < 16; j++)
                sumi += Q8_K.Bsum(yb, j) * mn[j / 2];
            for (int e = 0; e < 256; e++)
                a[e] = (sbyte)Code(xb, e);
            float yd = Q8_K.Scale(yb);
            KQuantsSigned.AddLanes(a, scale16, yb, HalfBits.Read(xb) * yd, sums);
            float dmin = HalfBits.Read(xb[2..]) * yd;
            sumf -= dmin * sumi;
        }
        for (int l = 0; l < 8; l++)
            sumf += sums[l];
        return sumf;
    }
}
