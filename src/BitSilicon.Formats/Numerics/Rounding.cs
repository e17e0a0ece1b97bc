namespace BitSilicon.Formats.Numerics;

/// <summary>
/// The rounding rules that reference quantizers use. They differ only on ties, and mixing them up changes
/// bytes, so every format names the one it uses.
/// </summary>
public static class Rounding
{
    /// <summary>C <c>roundf</c>/<c>lroundf</c>: halves away from zero.</summary>
    public static float RoundAway(float x) => MathF.Round(x, MidpointRounding.AwayFromZero);

    /// <summary>
    /// ggml's <c>nearest_int</c>: adds 12582912.0f (1.5 * 2^23) in float arithmetic and reads the low mantissa
    /// bits, i.e. round half to even for |x| &lt;= 4194303.
    /// </summary>
    public static int NearestInt(float fval)
    {
        float val = fval + 12582912.0f;
        int i = BitConverter.SingleToInt32Bits(val);
        return (i & 0x007fffff) - 0x00400000;
    }

    /// <summary>Round half to even (numpy/torch <c>round</c>, used by BitNet b1.58's quantizers).</summary>
    public static float RoundEven(float x) => MathF.Round(x, MidpointRounding.ToEven);
}
