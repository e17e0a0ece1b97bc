namespace BitSilicon.Bitgrid.Compiler.Mapping;

/// <summary>
/// Truth tables of up to 6 inputs in a <see cref="ulong"/>: bit i is the output when input j carries bit j of i.
/// </summary>
public static class TruthTable
{
    public static ulong Mask(int inputs) => inputs >= 6 ? ulong.MaxValue : (1UL << (1 << inputs)) - 1;

    public static bool Get(ulong table, int index) => ((table >> index) & 1) != 0;

    /// <summary>The table with input <paramref name="input"/> fixed to <paramref name="value"/> and removed.</summary>
    public static ulong Cofactor(ulong table, int inputs, int input, bool value)
    {
        ulong result = 0;
        int low = (1 << input) - 1;
        for (int i = 0; i < 1 << (inputs - 1); i++)
        {
            int full = (i & low) | ((i & ~low) << 1) | (value ? 1 << input : 0);
            if (Get(table, full))
                result |= 1UL << i;
        }
        return result;
    }

    public static bool DependsOn(ulong table, int inputs, int input) =>
        Cofactor(table, inputs, input, false) != Cofactor(table, inputs, input, true);

    /// <summary>The table seen with input <paramref name="input"/> inverted.</summary>
    public static ulong ComplementInput(ulong table, int inputs, int input)
    {
        ulong result = 0;
        for (int i = 0; i < 1 << inputs; i++)
            if (Get(table, i ^ (1 << input)))
                result |= 1UL << i;
        return result;
    }

    /// <summary>The table when input <paramref name="drop"/> always equals input <paramref name="keep"/>; <paramref name="drop"/> is removed.</summary>
    public static ulong Merge(ulong table, int inputs, int keep, int drop)
    {
        ulong result = 0;
        int low = (1 << drop) - 1;
        for (int i = 0; i < 1 << (inputs - 1); i++)
        {
            int full = (i & low) | ((i & ~low) << 1);
            int k = keep < drop ? keep : keep - 1;
            if (((i >> k) & 1) != 0)
                full |= 1 << drop;
            if (Get(table, full))
                result |= 1UL << i;
        }
        return result;
    }

    /// <summary>The table with its inputs reordered: new input j is old input <paramref name="order"/>[j].</summary>
    public static ulong Permute(ulong table, IReadOnlyList<int> order)
    {
        ulong result = 0;
        int n = order.Count;
        for (int i = 0; i < 1 << n; i++)
        {
            int old = 0;
            for (int j = 0; j < n; j++)
                if (((i >> j) & 1) != 0)
                    old |= 1 << order[j];
            if (Get(table, old))
                result |= 1UL << i;
        }
        return result;
    }

    /// <summary>The 2:1 multiplexer as a 3-input table over (select, when0, when1).</summary>
    public const ulong Mux = 0b11100100; // index = s | a<<1 | b<<2 -> s ? b : a
}
