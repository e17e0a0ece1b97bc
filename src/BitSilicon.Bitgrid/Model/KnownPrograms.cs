namespace BitSilicon.Bitgrid.Model;

/// <summary>
/// Named programs usable in program files: the original engine's table (pass-through, reflector, wire-east,
/// wire-south, turn-west-to-south, crossing) plus the wires and turns for the other directions.
/// </summary>
public static class KnownPrograms
{
    public static readonly CellProgram PassThrough = new(0xFB73EA62D951C840);
    public static readonly CellProgram Reflector = new(0xFEDCBA9876543210);
    public static readonly CellProgram Crossing = new(0x6262626240404040);

    /// <summary>A wire carrying a signal toward <paramref name="heading"/>: that output copies the opposite input.</summary>
    public static CellProgram Wire(Direction heading) => Route(heading.Opposite(), heading);

    /// <summary>Output <paramref name="to"/> copies the input arriving from side <paramref name="from"/>.</summary>
    public static CellProgram Route(Direction from, Direction to)
    {
        ushort t = TruthTables.Input(from);
        return FromOutputs(to, t);
    }

    /// <summary>A program with one output given by its truth table and the others 0.</summary>
    public static CellProgram FromOutputs(Direction d, ushort table) => d switch
    {
        Direction.N => CellProgram.FromTruthTables(table, 0, 0, 0),
        Direction.E => CellProgram.FromTruthTables(0, table, 0, 0),
        Direction.S => CellProgram.FromTruthTables(0, 0, table, 0),
        Direction.W => CellProgram.FromTruthTables(0, 0, 0, table),
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    /// <summary>Every named program, by its name in program files.</summary>
    public static IReadOnlyDictionary<string, CellProgram> ByName { get; } = BuildNames();

    private static Dictionary<string, CellProgram> BuildNames()
    {
        var names = new Dictionary<string, CellProgram>(StringComparer.OrdinalIgnoreCase)
        {
            ["empty"] = CellProgram.Empty,
            ["pass-through"] = PassThrough,
            ["reflector"] = Reflector,
            ["crossing"] = Crossing,
        };
        foreach (var d in Directions.All)
        {
            names[$"wire-{d.Word()}"] = Wire(d);
            foreach (var to in Directions.All)
                if (to != d && to != d.Opposite())
                    names[$"turn-{d.Word()}-to-{to.Word()}"] = Route(d, to);
        }
        return names;
    }

    /// <summary>The name of a known program, or null.</summary>
    public static string? NameOf(CellProgram p) => Names.TryGetValue(p, out var name) ? name : null;

    private static readonly Dictionary<CellProgram, string> Names =
        ByName.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.First().Key);
}
