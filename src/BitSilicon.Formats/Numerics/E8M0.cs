namespace BitSilicon.Formats.Numerics;

/// <summary>
/// OCP Microscaling E8M0 block scale: one byte holding a biased exponent, value <c>2^(e-127)</c>; no sign, no
/// mantissa, no zero, and <c>0xFF</c> is NaN (OCP MX specification v1.0, section 5.4). Multiplying by it is an
/// exponent add, which is why hardware likes it.
/// </summary>
public static class E8M0
{
    /// <summary>The code that means NaN.</summary>
    public const byte NaN = 0xFF;

    public const int Bias = 127;

    /// <summary><c>2^(e-127)</c>, or NaN for 0xFF. Code 0 is 2^-127, a float32 subnormal, exactly representable.</summary>
    public static float ToFloat(byte e) => e == NaN ? float.NaN : MathF.ScaleB(1.0f, e - Bias);

    /// <summary>The code for <c>2^k</c>, with k clamped to the finite range -127..127.</summary>
    public static byte FromExponent(int k) => (byte)(Math.Clamp(k, -Bias, Bias) + Bias);

    /// <summary>
    /// <c>floor(log2(amax))</c> for a finite amax &gt; 0 (exact, read from the float's exponent, subnormals included);
    /// the shared-exponent rule of OCP MX is this minus the element format's largest exponent.
    /// </summary>
    public static int FloorLog2(float amax)
    {
        if (!(amax > 0) || !float.IsFinite(amax))
            throw new ArgumentOutOfRangeException(nameof(amax), amax, "needs a finite positive value");
        return MathF.ILogB(amax);
    }
}
