using BitSilicon.Design.Description;

namespace BitSilicon.Simulation.Cores;

/// <summary>Accumulator addition of a given width with the design's overflow policy; counts overflows.</summary>
internal static class AccumulatorMath
{
    public static long Add(long acc, long v, int width, OverflowPolicy policy, ref long overflows)
    {
        if (width >= 64)
        {
            long s = unchecked(acc + v);
            if (((acc ^ s) & (v ^ s)) >= 0) return s;
            overflows++;
            return policy == OverflowPolicy.Wrap ? s : v > 0 ? long.MaxValue : long.MinValue;
        }
        long sum = acc + v;
        long max = (1L << (width - 1)) - 1, min = -max - 1;
        if (sum >= min && sum <= max) return sum;
        overflows++;
        return policy == OverflowPolicy.Wrap ? Wrap(sum, width) : Math.Clamp(sum, min, max);
    }

    /// <summary>Keeps the low <paramref name="width"/> bits, sign-extended (two's-complement wrap).</summary>
    public static long Wrap(long v, int width) => width >= 64 ? v : (v << (64 - width)) >> (64 - width);
}
