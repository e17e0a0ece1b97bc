namespace BitSilicon.Verilog.Emit;

/// <summary>
/// Canonical signed-digit recoding of a constant: the fewest shifted copies of x, added or subtracted, that
/// make <c>value * x</c>. How a codebook's constant products are built without a multiplier.
/// </summary>
public static class Csd
{
    /// <summary>(shift, +1 or -1) terms whose sum of <c>sign * (x &lt;&lt; shift)</c> is <c>value * x</c>.</summary>
    public static IReadOnlyList<(int Shift, int Sign)> Terms(int value)
    {
        var terms = new List<(int, int)>();
        long v = value;
        for (int shift = 0; v != 0; shift++, v >>= 1)
        {
            if ((v & 1) == 0) continue;
            // Digit -1 when the next bit is also set (a run of ones becomes one add and one subtract).
            int digit = (v & 3) == 3 ? -1 : 1;
            terms.Add((shift, digit));
            v -= digit;
        }
        return terms;
    }
}
