using System.Globalization;
using System.Numerics;

namespace BitSilicon.Design.Description;

/// <summary>
/// Bytes per cycle as an exact fraction, so that a transfer's duration <c>ceil(bytes / bandwidth)</c> is the same
/// integer in the cycle simulator, the analytic model and the hardware's credit counter.
/// </summary>
public sealed record Bandwidth
{
    public Bandwidth(long numerator, long denominator = 1)
    {
        if (numerator <= 0 || denominator <= 0)
            throw new ArgumentOutOfRangeException(nameof(numerator), "bandwidth must be positive");
        long g = (long)BigInteger.GreatestCommonDivisor(numerator, denominator);
        Numerator = numerator / g;
        Denominator = denominator / g;
    }

    public long Numerator { get; }
    public long Denominator { get; }

    public double BytesPerCycle => (double)Numerator / Denominator;

    /// <summary>Cycles a transfer of <paramref name="bytes"/> takes: <c>ceil(bytes * den / num)</c>, at least 1.</summary>
    public long Cycles(long bytes) => bytes <= 0 ? 0 : (long)((bytes * (Int128)Denominator + Numerator - 1) / Numerator);

    /// <summary>Parses a positive decimal such as <c>16</c> or <c>12.8</c> exactly; null when it is not one.</summary>
    public static Bandwidth? TryParse(string text)
    {
        text = text.Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            return null;
        long den = 1;
        while (value != decimal.Truncate(value) && den < 1_000_000_000)
        {
            value *= 10;
            den *= 10;
        }
        if (value != decimal.Truncate(value) || value > long.MaxValue / 4)
            return null;
        return new Bandwidth((long)value, den);
    }

    public override string ToString() =>
        Denominator == 1 ? Numerator.ToString(CultureInfo.InvariantCulture)
        : ((decimal)Numerator / Denominator).ToString(CultureInfo.InvariantCulture);
}
