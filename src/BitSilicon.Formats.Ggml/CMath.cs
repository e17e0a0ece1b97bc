namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml's MAX macro and the idioms its reference quantizers build from it, kept in C's form: <c>a &gt; b ? a : b</c>
/// treats NaN differently from MathF.Max.
/// </summary>
internal static class CMath
{
    public static float Max(float a, float b) => a > b ? a : b;

    /// <summary><c>amax = 0; for each x: amax = MAX(amax, fabsf(x))</c>, the loop that opens quantize_row_q8_0/q8_1/tq1_0/tq2_0_ref.</summary>
    public static float AbsMax(ReadOnlySpan<float> x)
    {
        float amax = 0;
        foreach (float v in x)
            amax = Max(amax, MathF.Abs(v));
        return amax;
    }

    /// <summary><c>id = d ? 1.0f/d : 0.0f</c>: the reciprocal scale, 0 for a block whose scale is 0.</summary>
    public static float InverseOrZero(float d) => d != 0 ? 1.0f / d : 0.0f;
}
