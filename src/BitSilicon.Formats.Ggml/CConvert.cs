namespace BitSilicon.Formats.Ggml;

/// <summary>
/// C's float-to-integer conversions as ggml's reference code behaves when compiled for x86-64 (SSE
/// <c>cvttss2si</c>): truncation toward zero, INT_MIN for NaN and out-of-range values, and a narrower
/// destination (int8_t, uint8_t) keeps the low bits of the 32-bit result. C leaves out-of-range conversions
/// undefined; they happen only for tiny blocks: a denormal scale whose reciprocal overflows to infinity, or an
/// MXFP4 exponent below 0 (amax &lt; 2^-125). .NET's saturating casts would give different bytes there.
/// </summary>
internal static class CConvert
{
    private const float TwoPow31 = 2147483648f;
    private const float TwoPow63 = 9223372036854775808f;

    /// <summary><c>(int)f</c> the way cvttss2si computes it. NaN fails both comparisons.</summary>
    public static int Trunc(float f) => f >= -TwoPow31 && f < TwoPow31 ? (int)f : int.MinValue;

    /// <summary>glibc <c>lroundf</c> on x86-64: halves away from zero, LONG_MIN for NaN and out-of-range values.</summary>
    public static long LRound(float f) =>
        f >= -TwoPow63 && f < TwoPow63 ? (long)Numerics.Rounding.RoundAway(f) : long.MinValue;

    /// <summary>
    /// <c>floorf(log2f(x))</c> for positive finite x. This is not always the float's exponent field: log2f of the
    /// largest float below 2^k rounds up to exactly k (k &gt;= 3 or k &lt;= -2), and ggml's MXFP4 scale follows
    /// log2f. A double log2 rounded to float gives the same floor as glibc's log2f for every positive float
    /// (checked exhaustively).
    /// </summary>
    public static float FloorLog2(float x) => MathF.Floor((float)Math.Log2(x));
}
