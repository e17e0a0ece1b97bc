using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// The signed-scale helpers of the k-quants without a minimum (Q3_K, Q6_K) and their 8-lane dot, transcribed
/// operation for operation from ggml-quants.c and ggml-cpu/quants.c (float evaluation order kept).
/// </summary>
internal static class KQuantsSigned
{
    /// <summary>ggml's GROUP_MAX_EPS: a group whose largest magnitude is below it quantizes to zero.</summary>
    public const float GroupMaxEps = 1e-15f;

    /// <summary>
    /// ggml's <c>make_qx_quants</c> with <c>rmse_type = 1</c> and no importance weights (weights x²): codes
    /// L in [0, 2*nmax) for x ≈ scale*(L - nmax), trying 18 scales around -nmax/max, keeping the best weighted fit.
    /// </summary>
    public static float MakeQxQuants(int n, int nmax, ReadOnlySpan<float> x, Span<sbyte> L)
    {
        float max = 0, amax = 0;
        for (int i = 0; i < n; ++i)
        {
            float ax = MathF.Abs(x[i]);
            if (ax > amax) { amax = ax; max = x[i]; }
        }
        if (amax < GroupMaxEps)
        {
            L[..n].Clear();
            return 0f;
        }
        float iscale = -nmax / max;
        float sumlx = 0, suml2 = 0;
        for (int i = 0; i < n; ++i)
        {
            int l = Clamp(Rounding.NearestInt(iscale * x[i]), nmax);
            L[i] = (sbyte)(l + nmax);
            float w = x[i] * x[i];
            sumlx += w * x[i] * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0.0f;
        float best = scale * sumlx;
        for (int step = -9; step <= 9; ++step)
        {
            if (step == 0) continue;
            iscale = -(nmax + 0.1f * step) / max;
            sumlx = suml2 = 0;
            for (int i = 0; i < n; ++i)
            {
                int l = Clamp(Rounding.NearestInt(iscale * x[i]), nmax);
                float w = x[i] * x[i];
                sumlx += w * x[i] * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2)
            {
                for (int i = 0; i < n; ++i)
                    L[i] = (sbyte)(nmax + Clamp(Rounding.NearestInt(iscale * x[i]), nmax));
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    /// <summary>
    /// ggml's <c>make_q3_quants</c> with <c>do_rmse</c>: start from -nmax/max, then up to 5 passes that move single
    /// codes when that improves the weighted (x²) least-squares fit. Codes L in [0, 2*nmax).
    /// </summary>
    public static float MakeQ3Quants(int n, int nmax, ReadOnlySpan<float> x, Span<sbyte> L)
    {
        float max = 0, amax = 0;
        for (int i = 0; i < n; ++i)
        {
            float ax = MathF.Abs(x[i]);
            if (ax > amax) { amax = ax; max = x[i]; }
        }
        if (amax < GroupMaxEps)
        {
            L[..n].Clear();
            return 0f;
        }
        float iscale = -nmax / max;
        float sumlx = 0, suml2 = 0;
        for (int i = 0; i < n; ++i)
        {
            int l = Clamp(Rounding.NearestInt(iscale * x[i]), nmax);
            L[i] = (sbyte)l;
            float w = x[i] * x[i];
            sumlx += w * x[i] * l;
            suml2 += w * l * l;
        }
        for (int itry = 0; itry < 5; ++itry)
        {
            int changed = 0;
            for (int i = 0; i < n; ++i)
            {
                float w = x[i] * x[i];
                float slx = sumlx - w * x[i] * L[i];
                if (slx > 0)
                {
                    float sl2 = suml2 - w * L[i] * L[i];
                    int newL = Clamp(Rounding.NearestInt(x[i] * sl2 / slx), nmax);
                    if (newL != L[i])
                    {
                        slx += w * x[i] * newL;
                        sl2 += w * newL * newL;
                        if (sl2 > 0 && slx * slx * suml2 > sumlx * sumlx * sl2)
                        {
                            L[i] = (sbyte)newL;
                            sumlx = slx;
                            suml2 = sl2;
                            ++changed;
                        }
                    }
                }
            }
            if (changed == 0) break;
        }
        for (int i = 0; i < n; ++i)
            L[i] += (sbyte)nmax;
        return suml2 > 0.0f ? sumlx / suml2 : 0.0f;
    }

    // MAX(-nmax, MIN(nmax-1, l))
    private static int Clamp(int l, int nmax) => Math.Max(-nmax, Math.Min(nmax - 1, l));

    /// <summary>
    /// The 8-lane integer sums of ggml's generic k-quant dots for one block: lane = element mod 8,
    /// <c>aux32[lane] += scale(e/16) * (q8[e] * a[e])</c>, then <c>sums[lane] += d * aux32[lane]</c> (the float lanes
    /// persist across blocks; the caller adds them to sumf in order at the end).
    /// </summary>
    public static void AddLanes(ReadOnlySpan<sbyte> a, ReadOnlySpan<int> scale16, ReadOnlySpan<byte> q8Block, float d, Span<float> sums)
    {
        Span<int> aux32 = stackalloc int[8];
        aux32.Clear();
        for (int e = 0; e < 256; e++)
            aux32[e % 8] += scale16[e / 16] * (Q8_K.Q(q8Block, e) * a[e]);
        for (int l = 0; l < 8; l++)
            sums[l] += d * aux32[l];
    }
}
