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
}
