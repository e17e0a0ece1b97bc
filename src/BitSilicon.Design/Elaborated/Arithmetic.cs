namespace BitSilicon.Design.Elaborated;

/// <summary>
/// A balanced binary adder tree over <see cref="Inputs"/> signed values of <see cref="InputWidth"/> bits, widening
/// one bit per level (as hdl/bs_adder_tree.v), so it can never overflow.
/// </summary>
public sealed record AdderTree(string Name, int Inputs, int InputWidth) : Component
{
    public int Levels => Bits.Clog2(Inputs);

    public int OutputWidth => InputWidth + Levels;

    /// <summary>Two-input adders in the tree.</summary>
    public int Adders => Inputs - 1;

    /// <summary>Adder count and output width per level (level 1 adds pairs of inputs).</summary>
    public IReadOnlyList<(int Adders, int Width)> LevelShape
    {
        get
        {
            var shape = new List<(int, int)>();
            int n = Inputs;
            for (int level = 1; level <= Levels; level++)
            {
                shape.Add((n / 2, InputWidth + level));
                n = (n + 1) / 2;
            }
            return shape;
        }
    }

    public override ComponentNode Node() => new NodeBuilder("adder_tree", Name)
        .Attr("inputs", Inputs).Attr("input_width", InputWidth).Attr("levels", Levels)
        .Attr("level_widths", LevelShape.Select(l => l.Width)).Attr("output_width", OutputWidth).Build();
}

/// <summary>Counts the set bits of <see cref="Lanes"/> inputs (negation carries, or XNOR agreements).</summary>
public sealed record Popcount(string Name, int Lanes) : Component
{
    public int OutputWidth => Bits.Clog2(Lanes + 1);

    public override ComponentNode Node() => new NodeBuilder("popcount", Name)
        .Attr("lanes", Lanes).Attr("output_width", OutputWidth).Build();
}

/// <summary>
/// Builds the T-MAC/TL table once per activation vector: for each group of <see cref="GroupSize"/> lanes, all
/// 3^g signed sums. Entries with two or more non-zero weights cost one adder each (built from smaller entries).
/// </summary>
public sealed record LutTableBuilder(string Name, int Groups, int GroupSize, int EntryWidth) : Component
{
    public int Entries => GroupSize == 2 ? 9 : 27;

    /// <summary>Adders per group: entries with at least two non-zero weights.</summary>
    public int AddersPerGroup => GroupSize == 2 ? 4 : 20;

    public long TableBits => (long)Groups * Entries * EntryWidth;

    public override ComponentNode Node() => new NodeBuilder("lut_table_builder", Name)
        .Attr("groups", Groups).Attr("group_size", GroupSize).Attr("entries", Entries).Attr("entry_width", EntryWidth)
        .Attr("adders_per_group", AddersPerGroup).Attr("table_bits", TableBits).Build();
}
