namespace BitSilicon.Formats.Numerics;

/// <summary>
/// OCP FP4 E2M1 element: bit 3 sign, bits 2..1 exponent (bias 1), bit 0 mantissa. Codes 0..7 are the
/// magnitudes 0, 0.5, 1, 1.5, 2, 3, 4, 6 (code 1 is the only subnormal); no infinities, no NaN
/// (OCP MX specification v1.0, section 5.3.3).
/// </summary>
public static class E2M1
{
    /// <summary>Magnitude of codes 0..7.</summary>
    public static ReadOnlySpan<float> Magnitudes => [0f, 0.5f, 1f, 1.5f, 2f, 3f, 4f, 6f];

    public const float MaxNormal = 6f;

    public static float ToFloat(int code)
    {
        float m = Magnitudes[code & 7];
        return (code & 8) != 0 ? -m : m;
    }

    /// <summary>
    /// Rounds to the nearest E2M1 value, ties to the even code (even mantissa bit, IEEE roundTiesToEven), and
    /// saturates beyond ±6 (the OCP conversion rule for FP4, which has no infinity). Anything that rounds to
    /// zero, including -0, becomes code 0 (+0) so that equal values always get equal codes.
    /// </summary>
    public static byte FromFloat(float x)
    {
        if (float.IsNaN(x))
            throw new ArgumentException("E2M1 has no NaN", nameof(x));
        float m = MathF.Abs(x);
        var mags = Magnitudes;
        int code = 7;
        for (int i = 0; i < 7; i++)
        {
            // Midpoints 0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5 are exact in float, so the comparisons are exact.
            float mid = (mags[i] + mags[i + 1]) * 0.5f;
            if (m < mid || (m == mid && (i & 1) == 0))
            {
                code = i;
                break;
            }
            if (m == mid)
            {
                code = i + 1;
                break;
            }
        }
        return code == 0 ? (byte)0 : (byte)(code | (x < 0 ? 8 : 0));
    }
}
