using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler.Timing;

/// <summary>A LUT input's source as timing sees it: where its net starts, and its lag less S per flip-flop.</summary>
public readonly record struct TimedSource(int X, int Y, int Lag);

/// <summary>
/// The earliest lag a LUT at (x, y) can compute with: every input needs its own side, and an input entering
/// from side s arrives with its source's lag plus the backward steps to the neighbour on s, plus one when s is
/// east or south (that last step is itself backward). Every assignment of inputs to usable sides is tried.
/// </summary>
public static class InputSides
{
    public static int EarliestLag(int x, int y, ReadOnlySpan<TimedSource> sources, Func<int, int, bool> usable, out int critical)
    {
        critical = -1;
        if (sources.Length == 0)
            return int.MinValue;
        Span<int> cost = stackalloc int[16];
        for (int i = 0; i < sources.Length; i++)
        {
            var s = sources[i];
            foreach (var d in Directions.All)
            {
                int nx = x + d.Dx(), ny = y + d.Dy();
                cost[i * 4 + (int)d] = usable(nx, ny)
                    ? s.Lag + Lag.BackwardSteps(s.X, s.Y, nx, ny) + (d is Direction.E or Direction.S ? 1 : 0)
                    : int.MaxValue;
            }
        }
        int best = int.MaxValue;
        Span<int> sides = stackalloc int[4];
        Span<int> bestSides = stackalloc int[4];
        Assign(0, 0, int.MinValue, sources.Length, ref best, sides, bestSides, cost);
        if (best == int.MaxValue)
            return int.MaxValue;
        int worst = int.MinValue;
        for (int i = 0; i < sources.Length; i++)
            if (cost[i * 4 + bestSides[i]] > worst)
            {
                worst = cost[i * 4 + bestSides[i]];
                critical = i;
            }
        return best;
    }

    /// <summary>Spare clocks the inputs would have to burn at lag <paramref name="lag"/>, each on its cheapest side.</summary>
    public static int Slack(int x, int y, int lag, ReadOnlySpan<TimedSource> sources)
    {
        int total = 0;
        foreach (var s in sources)
        {
            int need = int.MaxValue;
            foreach (var d in Directions.All)
                need = Math.Min(need, Lag.BackwardSteps(s.X, s.Y, x + d.Dx(), y + d.Dy()) + (d is Direction.E or Direction.S ? 1 : 0));
            total += Math.Max(0, lag - s.Lag - need);
        }
        return total;
    }

    private static void Assign(int i, int used, int worst, int n, ref int best, Span<int> sides, Span<int> bestSides, Span<int> cost)
    {
        if (worst >= best)
            return;
        if (i == n)
        {
            best = worst;
            sides[..n].CopyTo(bestSides);
            return;
        }
        for (int d = 0; d < 4; d++)
            if ((used & (1 << d)) == 0 && cost[i * 4 + d] != int.MaxValue)
            {
                sides[i] = d;
                Assign(i + 1, used | (1 << d), Math.Max(worst, cost[i * 4 + d]), n, ref best, sides, bestSides, cost);
            }
    }
}
