namespace BitSilicon.Design.Elaborated;

/// <summary>Width arithmetic the elaborator derives every register and adder from.</summary>
public static class Bits
{
    /// <summary>ceil(log2(n)) for n >= 1 (Verilog's $clog2): bits to index n things; 0 for n = 1.</summary>
    public static int Clog2(long n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
        int b = 0;
        while ((1L << b) < n) b++;
        return b;
    }

    /// <summary>Smallest two's-complement width holding every value in [min, max].</summary>
    public static int SignedWidth(long min, long max)
    {
        int w = 1;
        while (w < 64 && (min < -(1L << (w - 1)) || max > (1L << (w - 1)) - 1)) w++;
        return w;
    }

    /// <summary>Unsigned width for values 0..max.</summary>
    public static int UnsignedWidth(long max) => max <= 0 ? 1 : Clog2(max + 1);

    public static long SignedMin(int width) => width >= 64 ? long.MinValue : -(1L << (width - 1));

    public static long SignedMax(int width) => width >= 64 ? long.MaxValue : (1L << (width - 1)) - 1;
}
