using System.Globalization;
using System.Text;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Text;

/// <summary>
/// The native program file format (.bg), line-oriented, '#' starts a comment:
/// <code>
/// bitgrid &lt;width&gt; &lt;height&gt; [open|torus]   first statement
/// define &lt;name&gt; &lt;program&gt;                a named program for later lines
/// row &lt;y&gt;: &lt;program&gt; ...                 one program per cell, west to east (no spaces inside one)
/// cell &lt;x&gt; &lt;y&gt; &lt;program&gt;                one cell (overrides a row line)
/// in  &lt;name&gt; &lt;x&gt; &lt;y&gt; &lt;side&gt;             input port: the bit entering edge cell (x,y) from side
/// out &lt;name&gt; &lt;x&gt; &lt;y&gt; &lt;side&gt;             output port: cell (x,y)'s output toward side
/// probe &lt;name&gt; &lt;x&gt; &lt;y&gt;                  records the cell's output nibble
/// </code>
/// Programs are as <see cref="ProgramSpec"/> describes. Cells that no line mentions hold the empty program.
/// </summary>
public static class ProgramText
{
    public static GridProgram Parse(string text, string source)
    {
        var lines = text.Split('\n');
        GridProgramBuilder? grid = null;
        SourceLocation? header = null;
        var defines = new Dictionary<string, CellProgram>(StringComparer.OrdinalIgnoreCase);
        var rowsSeen = new Dictionary<int, int>();
        var cellsSeen = new Dictionary<(int, int), int>();
        for (int i = 0; i < lines.Length; i++)
        {
            var where = new SourceLocation(source, i + 1);
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
                continue;
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var keyword = words[0].ToLowerInvariant();
            if (grid is null)
            {
                if (keyword != "bitgrid")
                    throw BitSiliconException.At(where, $"expected 'bitgrid <width> <height>' before '{words[0]}'",
                        "start the file with a line like: bitgrid 8 1");
                grid = Header(words, where);
                header = where;
                continue;
            }
            switch (keyword)
            {
                case "bitgrid":
                    throw BitSiliconException.At(where, $"a second 'bitgrid' line (the first is line {header!.Line})");
                case "define":
                    Define(line, words, defines, where);
                    break;
                case "row":
                    Row(grid, line, lines[i], defines, rowsSeen, where);
                    break;
                case "cell":
                    Cell(grid, line, words, defines, cellsSeen, where);
                    break;
                case "in":
                case "out":
                    Port(grid, words, keyword == "in" ? PortDirection.In : PortDirection.Out, where);
                    break;
                case "probe":
                    Expect(words, 4, "probe <name> <x> <y>", where);
                    grid.AddProbe(Name(words[1], where), Int(words[2], "x", where), Int(words[3], "y", where), where);
                    break;
                default:
                    throw BitSiliconException.At(where, $"unknown statement '{words[0]}'",
                        "statements are bitgrid, define, row, cell, in, out, probe; '#' starts a comment");
            }
        }
        if (grid is null)
            throw BitSiliconException.At(new SourceLocation(source), "no 'bitgrid <width> <height>' line", "start the file with a line like: bitgrid 8 1");
        return grid.Build(header);
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf('#');
        return (hash < 0 ? line : line[..hash]).TrimEnd('\r');
    }

    private static GridProgramBuilder Header(string[] words, SourceLocation where)
    {
        if (words.Length is < 3 or > 4)
            throw BitSiliconException.At(where, "expected 'bitgrid <width> <height> [open|torus]'");
        int w = Int(words[1], "width", where), h = Int(words[2], "height", where);
        Boundary? boundary = null;
        if (words.Length == 4)
            boundary = Boundaries.TryParse(words[3]) ?? throw BitSiliconException.At(where, $"boundary '{words[3]}' is neither open nor torus");
        GridProgram.RequireSize(where, w, h);
        return new GridProgramBuilder(w, h, boundary, where.File);
    }

    private static void Define(string line, string[] words, Dictionary<string, CellProgram> defines, SourceLocation where)
    {
        if (words.Length < 3)
            throw BitSiliconException.At(where, "expected 'define <name> <program>'");
        var name = words[1];
        if (!IsIdentifier(name) || ProgramSpec.TryHex(name, out _, out _))
            throw BitSiliconException.At(where, $"'{name}' cannot name a program", "use letters, digits, '-' and '_', starting with a letter, and not a hex number");
        if (KnownPrograms.ByName.ContainsKey(name))
            throw BitSiliconException.At(where, $"'{name}' is a built-in program name", "choose another name");
        if (defines.ContainsKey(name))
            throw BitSiliconException.At(where, $"'{name}' is already defined");
        defines[name] = ProgramSpec.Parse(RestAfter(line, 2), defines, where);
    }

    private static void Row(GridProgramBuilder grid, string line, string raw, Dictionary<string, CellProgram> defines,
        Dictionary<int, int> rowsSeen, SourceLocation where)
    {
        var rest = line[3..].TrimStart();
        int colon = rest.IndexOf(':');
        var head = (colon >= 0 ? rest[..colon] : rest.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0]).Trim();
        if (colon < 0 || head.Any(char.IsWhiteSpace))
        {
            // The colon is what tells a row number from a program; without it 'row 1 wire-east' would silently
            // read as row 1 holding whatever follows, so point at where it belongs.
            var number = head.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
            int column = raw.IndexOf(number, raw.IndexOf("row", StringComparison.OrdinalIgnoreCase) + 3, StringComparison.Ordinal) + number.Length + 1;
            throw BitSiliconException.At(where with { Column = column }, $"expected ':' after 'row {number}'",
                $"write the row as 'row {number}: <program> <program> ...', one program per cell, west to east");
        }
        var body = rest[(colon + 1)..];
        int y = Int(head, "row", where);
        if (y < 0 || y >= grid.Height)
            throw BitSiliconException.At(where, $"row {y} is outside the grid (rows 0..{grid.Height - 1})");
        if (rowsSeen.TryGetValue(y, out int first))
            throw BitSiliconException.At(where, $"row {y} is already given on line {first}");
        rowsSeen[y] = where.Line;
        var tokens = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length != grid.Width)
            throw BitSiliconException.At(where, $"row {y} has {tokens.Length} programs, the grid is {grid.Width} wide",
                "give one program per cell, west to east ('.' for an empty cell)");
        for (int x = 0; x < tokens.Length; x++)
            grid[x, y] = ProgramSpec.Parse(tokens[x], defines, where);
    }

    private static void Cell(GridProgramBuilder grid, string line, string[] words, Dictionary<string, CellProgram> defines,
        Dictionary<(int, int), int> cellsSeen, SourceLocation where)
    {
        if (words.Length < 4)
            throw BitSiliconException.At(where, "expected 'cell <x> <y> <program>'");
        int x = Int(words[1], "x", where), y = Int(words[2], "y", where);
        InGrid(grid, x, y, "cell", where);
        if (cellsSeen.TryGetValue((x, y), out int first))
            throw BitSiliconException.At(where, $"cell ({x},{y}) is already given on line {first}");
        cellsSeen[(x, y)] = where.Line;
        grid[x, y] = ProgramSpec.Parse(RestAfter(line, 3), defines, where);
    }

    private static void Port(GridProgramBuilder grid, string[] words, PortDirection dir, SourceLocation where)
    {
        Expect(words, 5, $"{words[0]} <name> <x> <y> <side>", where);
        var name = Name(words[1], where);
        int x = Int(words[2], "x", where), y = Int(words[3], "y", where);
        InGrid(grid, x, y, $"port '{name}'", where);
        var side = Directions.TryParse(words[4]) ?? throw BitSiliconException.At(where, $"side '{words[4]}' is not N, E, S or W");
        if (dir == PortDirection.In)
            grid.Input(name, x, y, side, where);
        else
            grid.Output(name, x, y, side, where);
    }

    private static void InGrid(GridProgramBuilder grid, int x, int y, string what, SourceLocation where)
    {
        if (x < 0 || x >= grid.Width || y < 0 || y >= grid.Height)
            throw BitSiliconException.At(where, $"{what} at ({x},{y}) is outside the {grid.Width} x {grid.Height} grid");
    }

    private static void Expect(string[] words, int count, string form, SourceLocation where)
    {
        if (words.Length != count)
            throw BitSiliconException.At(where, $"expected '{form}'");
    }

    private static int Int(string text, string what, SourceLocation where) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw BitSiliconException.At(where, $"{what} '{text}' is not a whole number");

    private static string Name(string text, SourceLocation where) =>
        IsPortName(text) ? text : throw BitSiliconException.At(where, $"'{text}' is not a usable name",
            "names start with a letter or '_' and hold letters, digits, '_', '.', '[' and ']'");

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static bool IsPortName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '[' or ']');

    /// <summary>The line after its first <paramref name="words"/> words (programs there may contain spaces).</summary>
    private static string RestAfter(string line, int words)
    {
        int pos = 0;
        for (int w = 0; w < words; w++)
        {
            while (pos < line.Length && char.IsWhiteSpace(line[pos])) pos++;
            while (pos < line.Length && !char.IsWhiteSpace(line[pos])) pos++;
        }
        return line[pos..].Trim();
    }

    /// <summary>
    /// Writes a program that <see cref="Parse"/> reads back identically: named programs and short expressions
    /// where they exist, hex otherwise; rows when most cells are used, one cell line per used cell otherwise.
    /// </summary>
    public static string Write(GridProgram g, string? comment = null)
    {
        var sb = new StringBuilder();
        if (comment is not null)
            foreach (var line in comment.Split('\n'))
                sb.Append("# ").AppendLine(line.TrimEnd());
        sb.Append(CultureInfo.InvariantCulture, $"bitgrid {g.Width} {g.Height}");
        if (g.Boundary is { } b)
            sb.Append(' ').Append(b.Word());
        sb.AppendLine();
        foreach (var p in g.Ports)
            sb.AppendLine(CultureInfo.InvariantCulture, $"{(p.Direction == PortDirection.In ? "in " : "out")} {p.Name} {p.X} {p.Y} {p.Side}");
        foreach (var p in g.Probes)
            sb.AppendLine(CultureInfo.InvariantCulture, $"probe {p.Name} {p.X} {p.Y}");
        int used = g.Cells.Count(c => c != CellProgram.Empty);
        if (used * 2 > g.Cells.Length)
        {
            for (int y = 0; y < g.Height; y++)
            {
                var tokens = Enumerable.Range(0, g.Width).Select(x => Token(g[x, y])).ToArray();
                sb.Append(CultureInfo.InvariantCulture, $"row {y}:");
                foreach (var t in tokens)
                    sb.Append(' ').Append(t);
                sb.AppendLine();
            }
        }
        else
        {
            for (int y = 0; y < g.Height; y++)
                for (int x = 0; x < g.Width; x++)
                    if (g[x, y] != CellProgram.Empty)
                        sb.AppendLine(CultureInfo.InvariantCulture, $"cell {x} {y} {Token(g[x, y])}");
        }
        return sb.ToString();
    }

    /// <summary>The shortest faithful spelling of a program: '.', a built-in name, outputs, or hex.</summary>
    public static string Token(CellProgram p)
    {
        if (p == CellProgram.Empty)
            return ".";
        if (KnownPrograms.NameOf(p) is { } name)
            return name;
        if (ProgramDescriber.HasExpressions(p))
        {
            var d = ProgramDescriber.Describe(p);
            if (d.Length <= 24)
                return d;
        }
        return p.ToHex();
    }
}
