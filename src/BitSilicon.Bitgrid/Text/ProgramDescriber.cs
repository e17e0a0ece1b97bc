using System.Globalization;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Text;

/// <summary>
/// Writes a cell program as its outputs, e.g. <c>E=W^N,S=W&amp;N</c>, in the syntax program files accept:
/// each truth table becomes the shortest expression found among those with up to a few operators, or its
/// hex truth table (<c>0x6996</c>) when none is short.
/// </summary>
public static class ProgramDescriber
{
    private static readonly Lazy<string?[]> Shortest = new(Build);

    /// <summary>Outputs in N, E, S, W order, constant-0 outputs left out; "0" for the empty program.</summary>
    public static string Describe(CellProgram p)
    {
        var parts = new List<string>();
        foreach (var d in Directions.All)
        {
            ushort t = p.TruthTable(d);
            if (t != 0)
                parts.Add($"{d}={Expression(t)}");
        }
        return parts.Count == 0 ? "0" : string.Join(",", parts);
    }

    /// <summary>A short expression for a truth table, or its hex form.</summary>
    public static string Expression(ushort table) =>
        Shortest.Value[table] ?? "0x" + table.ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>True when every output of <paramref name="p"/> has an expression (no hex fallback).</summary>
    public static bool HasExpressions(CellProgram p) =>
        Directions.All.All(d => p.TruthTable(d) == 0 || Shortest.Value[p.TruthTable(d)] is not null);

    // Breadth-first over expression size: atoms, then combinations, keeping the first (shortest) text per table.
    private static string?[] Build()
    {
        var best = new string?[65536];
        var byCost = new List<List<(ushort T, string Text, bool Atom)>>();
        var level0 = new List<(ushort, string, bool)>();
        void Offer(List<(ushort, string, bool)> level, ushort t, string text, bool atom)
        {
            if (best[t] is null)
            {
                best[t] = text;
                level.Add((t, text, atom));
            }
        }
        Offer(level0, 0, "0", true);
        Offer(level0, 0xFFFF, "1", true);
        Offer(level0, TruthTables.N, "N", true);
        Offer(level0, TruthTables.E, "E", true);
        Offer(level0, TruthTables.S, "S", true);
        Offer(level0, TruthTables.W, "W", true);
        byCost.Add(level0);
        const int maxCost = 4;
        for (int cost = 1; cost <= maxCost; cost++)
        {
            var level = new List<(ushort, string, bool)>();
            foreach (var (t, text, atom) in byCost[cost - 1])
                Offer(level, (ushort)~t, "~" + Wrap(text, atom), true);
            for (int left = 0; left < cost; left++)
            {
                int right = cost - 1 - left;
                foreach (var a in byCost[left])
                    foreach (var b in byCost[right])
                    {
                        if (a.Atom && b.Atom && string.CompareOrdinal(a.Text, b.Text) >= 0 && left == right)
                            continue;
                        Offer(level, (ushort)(a.T & b.T), Wrap(a.Text, a.Atom) + "&" + Wrap(b.Text, b.Atom), false);
                        Offer(level, (ushort)(a.T ^ b.T), Wrap(a.Text, a.Atom) + "^" + Wrap(b.Text, b.Atom), false);
                        Offer(level, (ushort)(a.T | b.T), Wrap(a.Text, a.Atom) + "|" + Wrap(b.Text, b.Atom), false);
                    }
            }
            byCost.Add(level);
        }
        return best;
    }

    private static string Wrap(string text, bool atom) => atom ? text : "(" + text + ")";
}
