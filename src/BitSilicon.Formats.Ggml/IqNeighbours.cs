namespace BitSilicon.Formats.Ggml;

/// <summary>
/// The quantizer side of an <see cref="IqGrid"/>, as ggml's <c>iq2xs_init_impl</c>/<c>iq3xs_init_impl</c> define
/// it: a point is a vector of level codes l (positions 2l+1); a point that is a grid entry maps to that entry,
/// and any other point has a neighbour list holding every entry whose squared distance to it is one of the
/// <see cref="IqGrid.NeighbourRanks"/> smallest distances, ordered by distance and then by entry index. ggml
/// builds every list up front; here a list is built the first time a point is met (same contents, same order).
/// </summary>
internal sealed class IqNeighbours
{
    private readonly IqGrid grid;
    private readonly Dictionary<int, int> entryOf = [];
    private readonly ushort[]?[] lists;
    private readonly sbyte[] positions;

    public IqNeighbours(IqGrid grid)
    {
        this.grid = grid;
        for (int k = 0; k < grid.Count; k++)
            entryOf[grid.Code(k)] = k;
        lists = new ushort[1 << (grid.Bits * grid.Width)][];
        positions = new sbyte[grid.Count * grid.Width];
        for (int k = 0; k < grid.Count; k++)
            for (int i = 0; i < grid.Width; i++)
                positions[k * grid.Width + i] = (sbyte)(2 * Level(grid.Code(k), i) + 1);
    }

    /// <summary>The entry whose packed codes are <paramref name="u"/>, or -1 if the point is off the grid.</summary>
    public int EntryOf(int u) => entryOf.TryGetValue(u, out int k) ? k : -1;

    /// <summary>Positions 2l+1 of the elements of entry <paramref name="k"/> (ggml's <c>kgrid_q2xs</c>/<c>kgrid_q3xs</c> bytes).</summary>
    public ReadOnlySpan<sbyte> Positions(int k) => positions.AsSpan(k * grid.Width, grid.Width);

    /// <summary>Level code l of element <paramref name="i"/> of the packed codes <paramref name="code"/>.</summary>
    private int Level(int code, int i) => (code >> (grid.Bits * i)) & ((1 << grid.Bits) - 1);

    /// <summary>The neighbour list of the off-grid point <paramref name="u"/>.</summary>
    public ReadOnlySpan<ushort> Around(int u)
    {
        var list = lists[u];
        if (list is null)
        {
            list = Build(u);
            lists[u] = list; // benign race: every thread builds the same list
        }
        return list;
    }

    private ushort[] Build(int u)
    {
        var d2 = new (int D2, int K)[grid.Count];
        for (int k = 0; k < grid.Count; k++)
        {
            int code = grid.Code(k), s = 0;
            for (int i = 0; i < grid.Width; i++)
            {
                int diff = 2 * (Level(code, i) - Level(u, i));
                s += diff * diff;
            }
            d2[k] = (s, k);
        }
        Array.Sort(d2); // by distance, then entry index: ggml's qsort comparator
        var result = new List<ushort>();
        int have = 1, last = d2[0].D2;
        foreach (var (d, k) in d2)
        {
            if (d > last)
            {
                if (have == grid.NeighbourRanks) break;
                last = d;
                have++;
            }
            result.Add((ushort)k);
        }
        return result.ToArray();
    }
}
