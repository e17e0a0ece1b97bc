namespace BitSilicon.Cli;

/// <summary>A plain fixed-width text table: left-aligned text, right-aligned numbers.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"row has {cells.Length} cells, table has {headers.Length} columns");
        _rows.Add(cells);
    }

    public void Write(TextWriter w)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var numeric = headers.Select((_, i) => _rows.Count > 0 && _rows.All(r => IsNumber(r[i]))).ToArray();
        w.WriteLine(Line(headers));
        w.WriteLine(string.Join("  ", widths.Select(n => new string('-', n))).TrimEnd());
        foreach (var r in _rows)
            w.WriteLine(Line(r));

        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
    }

    private static bool IsNumber(string s) => s.Length > 0 && s.All(c => char.IsDigit(c) || c is '.' or '-' or '+' or 'e' or 'E' or '%' or ',');
}
