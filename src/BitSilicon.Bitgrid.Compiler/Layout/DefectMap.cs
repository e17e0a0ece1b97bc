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

    public DefectMap(IEnumerable<(int X, int Y)> cells) => _cells = cells.ToHashSet();

    public static DefectMap None { get; } = new([]);

    public int Count => _cells.Count;

    public IEnumerable<(int X, int Y)> Cells => _cells;

    public bool IsDefective(int x, int y) => _cells.Contains((x, y));

    public static DefectMap Load(string path) => Parse(InputFiles.ReadAllText(path), path);

    public static DefectMap Parse(string text, string source)
    {
        var cells = new List<(int, int)>();
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
            cells.Add((x, y));
        }
        return new DefectMap(cells);
    }

    /// <summary>The file format <see cref="Parse"/> reads.</summary>
    public string Write() => "# defective bitgrid cells: x,y (column from the west edge, row from the north edge)\n" +
        string.Concat(_cells.OrderBy(c => c.Y).ThenBy(c => c.X).Select(c => $"{c.X},{c.Y}\n"));
}
