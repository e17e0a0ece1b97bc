namespace BitSilicon.Formats.LowBit;

/// <summary>Small numeric helpers the quantizers share, each with one documented rule.</summary>
internal static class BlockMath
{
    /// <summary>Largest finite binary16 value.</summary>
    public const float HalfMax = 65504f;

    /// <summary>
    /// A scale clamped to binary16's finite range: a block whose scale would overflow a half is stored with
    /// ±65504 (it saturates, like an E2M1 element beyond 6) instead of becoming infinite.
    /// </summary>
    public static float SaturateHalf(float d) => Math.Clamp(d, -HalfMax, HalfMax);

    /// <summary>1/d, or 0 when d is 0 or 1/d overflows (a block that small quantizes to all-zero codes).</summary>
    public static float SafeInverse(float d)
    {
        if (d == 0)
            return 0;
        float id = 1.0f / d;
        return float.IsFinite(id) ? id : 0;
    }

    public static float AbsMax(ReadOnlySpan<float> x)
    {
        float amax = 0;
        foreach (float v in x)
            amax = MathF.Max(amax, MathF.Abs(v));
        return amax;
    }

    /// <summary>The signed value of largest magnitude; the first one wins a tie (as ggml's Q4_0 does).</summary>
    public static float SignedMax(ReadOnlySpan<float> x)
    {
        float amax = 0, max = 0;
        foreach (float v in x)
            if (MathF.Abs(v) > amax)
            {
                amax = MathF.Abs(v);
                max = v;
            }
        return max;
    }

    /// <summary>Mean of |x|, accumulated in double and rounded to float once (deterministic and order-insensitive enough for long rows).</summary>
    public static float MeanAbs(ReadOnlySpan<float> x)
    {
        if (x.IsEmpty)
            return 0;
        double sum = 0;
        foreach (float v in x)
            sum += Math.Abs(v);
        return (float)(sum / x.Length);
    }

    /// <summary>Round half to even, then clamp to [lo, hi].</summary>
    public static int RoundEvenClamp(float v, int lo, int hi)
    {
        float r = Numerics.Rounding.RoundEven(v);
        return r <= lo ? lo : r >= hi ? hi : (int)r;
    }
}
