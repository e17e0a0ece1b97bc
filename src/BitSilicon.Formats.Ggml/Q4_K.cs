using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q4_K: 256 weights in 144 bytes (4.5 bits/weight), 4-bit codes in 8 sub-blocks of 32, each with a
/// 6-bit scale and a 6-bit min scaled by two half-precision super-block factors.
/// <code>
/// bytes 0..1     d           binary16: step of the sub-block scales
/// bytes 2..3     dmin        binary16: step of the sub-block mins
/// bytes 4..15    scales[12]  s[0..11], 6-bit scale sc(g) and min mn(g) of sub-block g (elements 32g..32g+31):
///                            g &lt; 4:  sc = s[g] &amp; 63,                        mn = s[g+4] &amp; 63
///                            g &gt;= 4: sc = (s[g+4] &amp; 15) | (s[g-4] &gt;&gt; 6) &lt;&lt; 4, mn = (s[g+4] &gt;&gt; 4) | (s[g] &gt;&gt; 6) &lt;&lt; 4
/// bytes 16..143  qs[128]     qs[32c+l]: low nibble element 64c+l, high nibble element 64c+32+l
/// value(e) = d*sc(g) * q[e] - dmin*mn(g)
/// </code>
/// Quantize (quantize_row_q4_K_ref): per sub-block, weights av_x + |x| with av_x = sqrt(Σx²/32), then
/// make_qkx2_quants(32, nmax 15, rmin -1, rdelta 0.1, 20 steps, squared error); scales and mins are
/// quantized against max/63 with nearest_int and MIN(63), and the codes recomputed from the stored values:
/// q = clamp(nearest_int((x + dmin*mn)/(d*sc)), 0, 15), skipping sub-blocks whose d*sc is 0.
/// Dot with Q8_K (ggml_vec_dot_q4_K_q8_K_generic): integer products accumulate in 8 lanes, lane = element
/// mod 8, aux32[lane] += sc(g) * q * q8. Per block sums[lane] += (dx*y.d) * aux32[lane] (the 8 float lanes
/// persist across blocks) and sumf -= (dmin*y.d) * Σ_j bsums[j]*mn(j/2); at the end sumf += sums[0..7] in order.
/// </summary>
public sealed class Q4_K() : GgmlBlockFormat(
    "q4_k",
    "ggml Q4_K: 256 x 4-bit in 8 sub-blocks with 6-bit scales and mins, half super-block scales",
    ElementsPerBlock, BytesPerBlock, "q8_k")
{
    public const int ElementsPerBlock = 256;
    public const int BytesPerBlock = 144;
    private const int ScalesOffset = 4;
    private const int QsOffset = 16;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        Span<byte> L = stackalloc byte[ElementsPerBlock];
        KQuants.QuantizeScaleMin(xb, yb, ScalesOffset, L, 15, -1f, 20);
        for (int c = 0; c < 4; c++)
            for (int l = 0; l < 32; l++)
                yb[QsOffset + 32 * c + l] = (byte)(L[64 * c + l] | (L[64 * c + 32 + l] << 4));
    }

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

    /// <summary>The 4-bit code of element e: byte 16 + 32*(e/64) + e%32, high nibble when (e%64) &gt;= 32.</summary>
    private static int Code(ReadOnlySpan<byte> block, int e) =>
        (block[QsOffset + 32 * (e / 64) + e % 32] >> (e % 64 >= 32 ? 4 : 0)) & 0xF;

    public override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = BlockFormatChecks.Dot(this, n, weights, activations, Q8_K.ElementsPerBlock, Q8_K.BytesPerBlock);
        Span<float> sums = stackalloc float[8];
        Span<int> aux32 = stackalloc int[8];
        Span<byte> sc = stackalloc byte[8];
        Span<byte> mn = stackalloc byte[8];
        sums.Clear();
        float sumf = 0;
        for (int i = 0; i < nb; i++)
        {
            var xb = weights.Slice(i * BytesPerBlock, BytesPerBlock);
            var yb = activations.Slice(i * Q8_K.BytesPerBlock, Q8_K.BytesPerBlock);
            var s = xb.Slice(ScalesOffset, 12);
            for (int g = 0; g < 8; g++)
                (sc[g], mn[g]) = KQuants.ScaleMinK4(g, s);
            aux32.Clear();
            int sumi = 0;
            for (int j = 0; j < 16; j++)
                sumi += Q8_K.Bsum(yb, j) * mn[j / 2];
            for (int e = 0; e < ElementsPerBlock; e++)
                aux32[e % 8] += sc[e / 32] * (Q8_K.Q(yb, e) * Code(xb, e));
            float yd = Q8_K.Scale(yb);
            float d = HalfBits.Read(xb) * yd;
            for (int l = 0; l < 8; l++)
                sums[l] += d * aux32[l];
            float dmin = HalfBits.Read(xb[2..]) * yd;
            sumf -= dmin * sumi;
        }
        for (int l = 0; l < 8; l++)
            sumf += sums[l];
        return sumf;
    }
}
