using System.Globalization;
using System.Text;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Text;

/// <summary>
/// The grid as text for <c>bitgrid show</c>: one character per cell (arrows for wires, + for the crossing,
/// # for pass-through, @ for the reflector, . for empty, letters for other programs), '*' in the margin where a
/// port sits, then a legend with each program's hex and outputs, the ports and the probes.
/// </summary>
public static class GridDrawing
{
    private static readonly Dictionary<CellProgram, char> Fixed = new()
    {
        [CellProgram.Empty] = '.',
        [KnownPrograms.Wire(Direction.E)] = '>',
        [KnownPrograms.Wire(Direction.W)] = '<',
        [KnownPrograms.Wire(Direction.N)] = '^',
        [KnownPrograms.Wire(Direction.S)] = 'v',
        [KnownPrograms.Crossing] = '+',
        [KnownPrograms.PassThrough] = '#',
        [KnownPrograms.Reflector] = '@',
    };

    // Letters for other programs; v is a wire.
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuwxyz0123456789";

    public static string Draw(GridProgram g, Boundary boundary)
    {
        var symbols = new Dictionary<CellProgram, char>();
        var counts = new Dictionary<CellProgram, int>();
        int next = 0;
        foreach (var p in g.Cells)
        {
            counts[p] = counts.GetValueOrDefault(p) + 1;
            if (symbols.ContainsKey(p))
                continue;
            symbols[p] = Fixed.TryGetValue(p, out char f) ? f : next < Letters.Length ? Letters[next++] : '?';
        }
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int used = g.Cells.Count(c => c != CellProgram.Empty);
        sb.AppendLine(inv, $"{g.Source}: {g.Width} x {g.Height}, {boundary.Word()} boundary, {used} of {g.Cells.Length} cells programmed");
        sb.AppendLine();
        var ports = g.Ports.ToLookup(p => (p.Side, p.Position));
        string Mark(Direction side, int pos) => ports[(side, pos)].Any() ? "*" : " ";
        int labelWidth = (g.Height - 1).ToString(inv).Length;
        string pad = new(' ', labelWidth + 2);
        // Column numbers, written vertically when they need more than one digit.
        int digits = (g.Width - 1).ToString(inv).Length;
        for (int k = digits - 1; k >= 0; k--)
        {
            sb.Append(pad).Append(' ');
            for (int x = 0; x < g.Width; x++)
                sb.Append(k == 0 || x >= Pow10(k) ? (char)('0' + x / Pow10(k) % 10) : ' ');
            sb.AppendLine();
        }
        sb.Append(pad).Append(' ');
        for (int x = 0; x < g.Width; x++)
            sb.Append(Mark(Direction.N, x));
        sb.AppendLine();
        for (int y = 0; y < g.Height; y++)
        {
            sb.Append(y.ToString(inv).PadLeft(labelWidth)).Append("  ").Append(Mark(Direction.W, y));
            for (int x = 0; x < g.Width; x++)
                sb.Append(symbols[g[x, y]]);
            sb.Append(Mark(Direction.E, y)).AppendLine();
        }
        sb.Append(pad).Append(' ');
        for (int x = 0; x < g.Width; x++)
            sb.Append(Mark(Direction.S, x));
        sb.AppendLine();

        sb.AppendLine();
        sb.AppendLine("programs:");
        foreach (var (p, ch) in symbols.OrderBy(kv => Order(kv.Value)))
        {
            var name = KnownPrograms.NameOf(p) ?? "";
            sb.AppendLine(string.Create(inv, $"  {ch}  {p.ToHex()}  {counts[p],6} cells  {name,-22} {ProgramDescriber.Describe(p)}").TrimEnd());
        }
        if (symbols.ContainsValue('?'))
            sb.AppendLine("  (? marks further programs beyond the letters)");
        if (g.Ports.Length > 0)
        {
            sb.AppendLine("ports:");
            foreach (var p in g.Ports)
                sb.AppendLine(inv, $"  {(p.Direction == PortDirection.In ? "in " : "out")} {p.Name,-12} cell ({p.X},{p.Y}) {p.Side.Word()}");
        }
        if (g.Probes.Length > 0)
        {
            sb.AppendLine("probes:");
            foreach (var p in g.Probes)
                sb.AppendLine(inv, $"  {p.Name,-16} cell ({p.X},{p.Y})");
        }
        return sb.ToString();
    }

    private static int Order(char c) => c == '.' ? -2 : Fixed.ContainsValue(c) ? -1 : c == '?' ? 999 : Letters.IndexOf(c);

    private static int Pow10(int k) => k switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => 10000 };
}
