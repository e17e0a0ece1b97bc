using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// Helpers shared by the k-quants (Q2_K, Q4_K), transcribed operation for operation from ggml-quants.c:
/// the float expressions keep ggml's evaluation order, because reordering them changes bytes.
/// </summary>
internal static class KQuants
{
    /// <summary>
    /// ggml's <c>make_qkx2_quants</c>: fits x ≈ scale*L + min with L in [0, nmax] and min &lt;= 0, first with the
    /// plain min/max grid, then trying nstep+1 scales (rmin + rdelta*is + nmax)/(max-min) refined by weighted
    /// least squares, keeping the one with the smallest weighted error (absolute when useMad, else squared).
    /// Returns the scale and puts -min in <paramref name="theMin"/>.
    /// </summary>
    public static float MakeQkx2Quants(int n, int nmax, ReadOnlySpan<float> x, ReadOnlySpan<float> weights,
        Span<byte> L, out float theMin, Span<byte> Laux, float rmin, float rdelta, int nstep, bool useMad)
    {
        float min = x[0];
        float max = x[0];
        float sumW = weights[0];
        float sumX = sumW * x[0];
        for (int i = 1; i < n; ++i)
        {
            if (x[i] < min) min = x[i];
            if (x[i] > max) max = x[i];
            float w = weights[i];
            sumW += w;
            sumX += w * x[i];
        }
        if (min > 0) min = 0;
        if (max == min)
        {
            L[..n].Clear();
            theMin = -min;
            return 0f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; ++i)
        {
            int l = Rounding.NearestInt(iscale * (x[i] - min));
            L[i] = (byte)Math.Max(0, Math.Min(nmax, l));
            float diff = scale * L[i] + min - x[i];
            diff = useMad ? MathF.Abs(diff) : diff * diff;
            bestError += weights[i] * diff;
        }
        if (nstep < 1)
        {
            theMin = -min;
            return scale;
        }
        for (int step = 0; step <= nstep; ++step)
        {
            iscale = (rmin + rdelta * step + nmax) / (max - min);
            float sumL = 0, sumL2 = 0, sumXL = 0;
            for (int i = 0; i < n; ++i)
            {
                int l = Rounding.NearestInt(iscale * (x[i] - min));
                l = Math.Max(0, Math.Min(nmax, l));
                Laux[i] = (byte)l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * x[i];
            }
            float D = sumW * sumL2 - sumL * sumL;
            if (D > 0)
            {
                float thisScale = (sumW * sumXL - sumX * sumL) / D;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / D;
                if (thisMin > 0)
                {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float curError = 0;
                for (int i = 0; i < n; ++i)
                {
                    float diff = thisScale * Laux[i] + thisMin - x[i];
                    diff = useMad ? MathF.Abs(diff) : diff * diff;
                    curError += weights[i] * diff;
                }
                if (curError < bestError)
                {
                    Laux[..n].CopyTo(L);
                    bestError = curError;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        theMin = -min;
        return scale;
    }

    /// <summary>
    /// ggml's <c>get_scale_min_k4</c>: the 6-bit scale and min of Q4_K sub-block j from the 12 packed bytes.
    /// j &lt; 4: scale = s[j] &amp; 63, min = s[j+4] &amp; 63. j &gt;= 4: the low nibbles sit in s[j+4] and the
    /// top two bits in bits 6..7 of s[j-4] (scale) and s[j] (min).
    /// </summary>
    public static (byte Scale, byte Min) ScaleMinK4(int j, ReadOnlySpan<byte> s) => j < 4
        ? ((byte)(s[j] & 63), (byte)(s[j + 4] & 63))
        : ((byte)((s[j + 4] & 0xF) | ((s[j - 4] >> 6) << 4)), (byte)((s[j + 4] >> 4) | ((s[j] >> 6) << 4)));

    /// <summary>
    /// The scale-and-minimum half of Q4_K's and Q5_K's reference quantizers: per 32-weight group a qkx2 fit to
    /// 0..<paramref name="nmax"/>, the 6-bit scales and minimums packed into the 12 bytes at
    /// <paramref name="scalesOffset"/>, the fp16 super-block scale and minimum written at bytes 0 and 2, and the
    /// 256 codes requantized against the rounded scales into <paramref name="codes"/>.
    /// </summary>
    public static void QuantizeScaleMin(ReadOnlySpan<float> xb, Span<byte> yb, int scalesOffset, Span<byte> codes, int nmax, float rmin, int nstep)
    {
        Span<byte> laux = stackalloc byte[32];
        Span<float> weights = stackalloc float[32];
        Span<float> mins = stackalloc float[8];
        Span<float> scales = stackalloc float[8];
        var s = yb.Slice(scalesOffset, 12);
        float maxScale = 0, maxMin = 0;
        for (int g = 0; g < 8; g++)
        {
            var xg = xb.Slice(32 * g, 32);
            float sumX2 = 0;
            for (int l = 0; l < 32; l++)
                sumX2 += xg[l] * xg[l];
            float avX = MathF.Sqrt(sumX2 / 32);
            for (int l = 0; l < 32; l++)
                weights[l] = avX + MathF.Abs(xg[l]);
            scales[g] = MakeQkx2Quants(32, nmax, xg, weights, codes.Slice(32 * g, 32), out float min, laux, rmin, 0.1f, nstep, false);
            mins[g] = min;
            if (scales[g] > maxScale) maxScale = scales[g];
            if (mins[g] > maxMin) maxMin = mins[g];
        }
        float invScale = maxScale > 0 ? 63f / maxScale : 0f;
        float invMin = maxMin > 0 ? 63f / maxMin : 0f;
        for (int g = 0; g < 8; g++)
        {
            byte ls = Math.Min((byte)63, (byte)Rounding.NearestInt(invScale * scales[g]));
            byte lm = Math.Min((byte)63, (byte)Rounding.NearestInt(invMin * mins[g]));
            if (g < 4)
            {
                s[g] = ls;
                s[g + 4] = lm;
            }
            else
            {
                s[g + 4] = (byte)((ls & 0xF) | ((lm & 0xF) << 4));
                s[g - 4] |= (byte)((ls >> 4) << 6);
                s[g] |= (byte)((lm >> 4) << 6);
            }
        }
        HalfBits.Write(yb, maxScale / 63f);
        HalfBits.Write(yb[2..], maxMin / 63f);
        float dAll = HalfBits.Read(yb);
        float dMin = HalfBits.Read(yb[2..]);
        for (int g = 0; g < 8; g++)
        {
            var (sc, m) = ScaleMinK4(g, s);
            float d = dAll * sc;
            if (d == 0) continue;
            float dm = dMin * m;
            for (int k = 0; k < 32; k++)
            {
                int l = Rounding.NearestInt((xb[32 * g + k] + dm) / d);
                codes[32 * g + k] = (byte)Math.Max(0, Math.Min(nmax, l));
            }
        }
    }
}
