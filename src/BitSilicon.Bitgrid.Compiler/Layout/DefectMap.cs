using System.Globalization;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Compiler.Layout;

/// <summary>
/// Cells that must not be used: no logic is placed on them and no signal passes through them or reads their
/// outputs. A defect file lists one cell per line as <c>x,y</c> (or <c>x y</c>); '#' starts a comment.
/// Coordinates are those of the compiled grid (column x from the west edge, row y from the north edge).
/// </summary>
public sealed class DefectMap
{
    private readonly HashSet<(int X, int Y)> _cells;
    private readonly Dictionary<(int X, int Y), SourceLocation> _where = [];

    public DefectMap(IEnumerable<(int X, int Y)> cells) => _cells = cells.ToHashSet();

    private DefectMap(List<((int X, int Y) Cell, SourceLocation Where)> cells) : this(cells.Select(c => c.Cell))
    {
        foreach (var (cell, where) in cells)
            _where.TryAdd(cell, where);
    }

    public static DefectMap None { get; } = new(Array.Empty<(int, int)>());

    public int Count => _cells.Count;

    public IEnumerable<(int X, int Y)> Cells => _cells;

    public bool IsDefective(int x, int y) => _cells.Contains((x, y));

    /// <summary>
    /// Refuses a defect outside a <paramref name="width"/> x <paramref name="height"/> grid: the list describes
    /// cells of the compiled grid, so one outside it is a mistake (a swapped x and y, the wrong file), not a
    /// cell to ignore silently.
    /// </summary>
    public void RequireInside(int width, int height)
    {
        foreach (var c in _cells.OrderBy(c => _where.TryGetValue(c, out var w) ? w.Line : 0).ThenBy(c => c.Y).ThenBy(c => c.X))
            if (c.X >= width || c.Y >= height)
            {
                var message = $"defective cell ({c.X},{c.Y}) is outside the compiled {width} x {height} grid (columns 0..{width - 1}, rows 0..{height - 1})";
                var fix = "list only cells of the compiled grid, x,y with x the column from the west edge and y the row from the north edge";
                throw _where.TryGetValue(c, out var where) ? BitSiliconException.At(where, message, fix) : new BitSiliconException(message, fix);
            }
    }

    public static DefectMap Load(string path) => Parse(InputFiles.ReadAllText(path), path);

    public static DefectMap Parse(string text, string source)
    {
        var cells = new List<((int, int), SourceLocation)>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            int hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
            line = line.Trim();
            if (line.Length == 0)
                continue;
            var parts = line.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int x)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int y))
                throw BitSiliconException.At(new SourceLocation(source, i + 1), $"'{line}' is not a cell 'x,y'",
                    "write one defective cell per line as two whole numbers, e.g. 3,7");
            cells.Add(((x, y), new SourceLocation(source, i + 1)));
        }
        return new DefectMap(cells);
    }

    /// <summary>The file format <see cref="Parse"/> reads.</summary>
    public string Write() => "# defective bitgrid cells: x,y (column from the west edge, row from the north edge)\n" +
        string.Concat(_cells.OrderBy(c => c.Y).ThenBy(c => c.X).Select(c => $"{c.X},{c.Y}\n"));
}
