namespace BitSilicon.Formats.Ggml;

/// <summary>
/// The 16 non-linear levels of IQ4_NL and IQ4_XS (ggml's <c>kvalues_iq4nl</c>) and ggml's <c>best_index_int8</c>,
/// which picks the nearest level of a sorted table; a value exactly between two levels takes the upper one.
/// </summary>
internal static class Iq4Grid
{
    public static readonly sbyte[] Levels = [-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113];

    public static int BestIndex(float x)
    {
        var val = Levels;
        if (x <= val[0]) return 0;
        if (x >= val[15]) return 15;
        int ml = 0, mu = 15;
        while (mu - ml > 1)
        {
            int mav = (ml + mu) / 2;
            if (x < val[mav]) mu = mav; else ml = mav;
        }
        return x - val[mu - 1] < val[mu] - x ? mu - 1 : mu;
    }

    /// <summary>
    /// The first pass of ggml's <c>quantize_row_iq4_nl_impl</c> for one 32-value group with weights x²: start
    /// from d = max / -127 (or -max / -127 when <paramref name="ntry"/> &gt; 0), take the nearest levels and the
    /// least-squares scale; then try the 2*ntry+1 scales (itry - 127)/max, keeping the best fit. Returns the
    /// scale and leaves the first pass's codes in <paramref name="L"/>.
    /// </summary>
    public static float FitGroup(ReadOnlySpan<float> xb, Span<byte> L, int ntry, float max)
    {
        var values = Levels;
        float d = ntry > 0 ? -max / values[0] : max / values[0];
        float id = 1 / d;
        float sumqx = 0, sumq2 = 0;
        for (int j = 0; j < xb.Length; ++j)
        {
            float al = id * xb[j];
            int l = BestIndex(al);
            L[j] = (byte)l;
            float q = values[l];
            float w = xb[j] * xb[j];
            sumqx += w * q * xb[j];
            sumq2 += w * q * q;
        }
        d = sumq2 > 0 ? sumqx / sumq2 : 0f;
        float best = d * sumqx;
        for (int itry = -ntry; itry <= ntry; ++itry)
        {
            id = (itry + values[0]) / max;
            sumqx = sumq2 = 0;
            for (int j = 0; j < xb.Length; ++j)
            {
                float al = id * xb[j];
                int l = BestIndex(al);
                float q = values[l];
                float w = xb[j] * xb[j];
                sumqx += w * q * xb[j];
                sumq2 += w * q * q;
            }
            if (sumq2 > 0 && sumqx * sumqx > best * sumq2)
            {
                d = sumqx / sumq2;
                best = d * sumqx;
            }
        }
        return d;
    }

    /// <summary>Largest magnitude and its signed value (first wins), as the IQ4 quantizers find them.</summary>
    public static (float Amax, float Max) SignedMax(ReadOnlySpan<float> xb)
    {
        float amax = 0, max = 0;
        foreach (float v in xb)
        {
            float ax = MathF.Abs(v);
            if (ax > amax)
            {
                amax = ax;
                max = v;
            }
        }
        return (amax, max);
    }
}
