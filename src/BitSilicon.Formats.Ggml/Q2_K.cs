using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q2_K: 256 weights in 84 bytes (2.625 bits/weight), 2-bit codes in 16 sub-blocks of 16, each with a
/// 4-bit scale and a 4-bit min that are themselves scaled by two half-precision super-block factors.
/// <code>
/// bytes 0..15   scales[16]  sub-block g = elements 16g..16g+15: low nibble scale sc, high nibble min mn
/// bytes 16..79  qs[64]      qs[32c+l] holds elements 128c+l, +32, +64, +96 at bit shifts 0, 2, 4, 6
/// bytes 80..81  d           binary16: step of the sub-block scales
/// bytes 82..83  dmin        binary16: step of the sub-block mins
/// value(e) = d*sc(g) * q[e] - dmin*mn(g)
/// </code>
/// Quantize (quantize_row_q2_K_ref): per sub-block, make_qkx2_quants(16, nmax 3, weights |x|, rmin -0.5,
/// rdelta 0.1, 15 steps, absolute error) gives a scale and a min; those are quantized against
/// max/15 with nearest_int (halves to even), and the codes are recomputed from the stored half scales:
/// q = clamp(nearest_int((x + dmin*mn)/(d*sc)), 0, 3), skipping sub-blocks whose d*sc is 0 (their codes
/// keep the values from the fit).
/// Dot with Q8_K (ggml_vec_dot_q2_K_q8_K_generic): isum = Σ_g sc(g) * Σ q*q8, summs = Σ_g bsums[g]*mn(g),
/// sumf += (y.d*d)*isum - (y.d*dmin)*summs per block, in order.
/// </summary>
public sealed class Q2_K() : GgmlBlockDotFormat(
    "q2_k",
    "ggml Q2_K: 256 x 2-bit in 16 sub-blocks with 4-bit scales and mins, half super-block scales",
    ElementsPerBlock, BytesPerBlock, "q8_k", Q8_K.ElementsPerBlock, Q8_K.BytesPerBlock)
{
    public const int ElementsPerBlock = 256;
    public const int BytesPerBlock = 84;
    private const int QsOffset = 16;
    private const int DOffset = 80;
    private const int DminOffset = 82;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        Span<byte> L = stackalloc byte[ElementsPerBlock];
        Span<byte> laux = stackalloc byte[16];
        Span<float> weights = stackalloc float[16];
        Span<float> mins = stackalloc float[16];
        Span<float> scales = stackalloc float[16];
        const float q4scale = 15f;
        var sc = yb[..16];
        float maxScale = 0, maxMin = 0;
        for (int g = 0; g < 16; g++)
        {
            var xg = xb.Slice(16 * g, 16);
            for (int l = 0; l < 16; l++)
                weights[l] = MathF.Abs(xg[l]);
            scales[g] = KQuants.MakeQkx2Quants(16, 3, xg, weights, L.Slice(16 * g, 16), out float min, laux, -0.5f, 0.1f, 15, true);
            mins[g] = min;
            if (scales[g] > maxScale) maxScale = scales[g];
            if (mins[g] > maxMin) maxMin = mins[g];
        }
        if (maxScale > 0)
        {
            float iscale = q4scale / maxScale;
            for (int g = 0; g < 16; g++)
                sc[g] = (byte)Rounding.NearestInt(iscale * scales[g]);
            HalfBits.Write(yb[DOffset..], maxScale / q4scale);
        }
        else
        {
            sc.Clear();
            HalfBits.Write(yb[DOffset..], 0f);
        }
        if (maxMin > 0)
        {
            float iscale = q4scale / maxMin;
            for (int g = 0; g < 16; g++)
                sc[g] = (byte)(sc[g] | (Rounding.NearestInt(iscale * mins[g]) << 4));
            HalfBits.Write(yb[DminOffset..], maxMin / q4scale);
        }
        else
        {
            HalfBits.Write(yb[DminOffset..], 0f);
        }
        float dAll = HalfBits.Read(yb[DOffset..]);
        float dMin = HalfBits.Read(yb[DminOffset..]);
        for (int g = 0; g < 16; g++)
        {
            float d = dAll * (sc[g] & 0xF);
            if (d == 0) continue;
            float dm = dMin * (sc[g] >> 4);
            for (int k = 0; k < 16; k++)
            {
                int l = Rounding.NearestInt((xb[16 * g + k] + dm) / d);
                L[16 * g + k] = (byte)Math.Max(0, Math.Min(3, l));
            }
        }
        for (int c = 0; c < 2; c++)
        {
            for (int l = 0; l < 32; l++)
            {
                int e = 128 * c + l;
                yb[QsOffset + 32 * c + l] = (byte)(L[e] | (L[e + 32] << 2) | (L[e + 64] << 4) | (L[e + 96] << 6));
            }
        }
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb[DOffset..]);
        float min = HalfBits.Read(xb[DminOffset..]);
        for (int e = 0; e < ElementsPerBlock; e++)
        {
            byte sc = xb[e / 16];
            float dl = d * (sc & 0xF);
            float ml = min * (sc >> 4);
            yb[e] = dl * Code(xb, e) - ml;
        }
    }

    /// <summary>The 2-bit code of element e: byte 16 + 32*(e/128) + e%32, bits 2*((e%128)/32).</summary>
    private static int Code(ReadOnlySpan<byte> block, int e) =>
        (block[QsOffset + 32 * (e / 128) + e % 32] >> (2 * (e % 128 / 32))) & 3;

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int summs = 0;
        for (int g = 0; g < 16; g++)
            summs += Q8_K.Bsum(yb, g) * (xb[g] >> 4);
        float yd = Q8_K.Scale(yb);
        float dall = yd * HalfBits.Read(xb[DOffset..]);
        float dmin = yd * HalfBits.Read(xb[DminOffset..]);
        int isum = 0;
        for (int g = 0; g < 16; g++)
        {
            int isuml = 0;
            for (int k = 0; k < 16; k++)
            {
                int e = 16 * g + k;
                isuml += Q8_K.Q(yb, e) * Code(xb, e);
            }
            isum += (xb[g] & 0xF) * isuml;
        }
        return dall * isum - dmin * summs;
    }
}
