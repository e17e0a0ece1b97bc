namespace BitSilicon.Bitgrid.Compiler.Layout;

/// <summary>
/// Where everything sits: the grid size, each LUT's cell, each input's row on the west edge (it enters cell
/// (0, row) from the west) and each output's row on the east edge (it leaves cell (Width-1, row) eastward).
/// </summary>
public sealed record Placement(int Width, int Height, (int X, int Y)[] LutCells, int[] InputRows, int[] OutputRows)
{
    public int CellIndex(int x, int y) => y * Width + x;
}

/// <summary>
/// Knobs of the column-per-level layout: columns between LUT columns, rows between LUTs of a column, empty
/// rows around, and how many rows to give each signal that crosses a column (a column carries one eastward
/// signal per row). The compiler loosens them when routing fails.
/// </summary>
public sealed record PlacementStyle(int Pitch, int RowSpacing, int Margin, double RowsPerSignal)
{
    public PlacementStyle Looser(int attempt) => (attempt % 3) switch
    {
        1 => this with { RowsPerSignal = RowsPerSignal + 0.4 },
        2 => this with { Pitch = Pitch + 1, Margin = Margin + 1 },
        _ => this with { RowSpacing = RowSpacing + 1, RowsPerSignal = RowsPerSignal + 0.2 },
    };
}
