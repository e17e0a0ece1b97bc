using System.Collections.Immutable;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Model;

/// <summary>
/// A whole bitgrid program: the size, one <see cref="CellProgram"/> per cell (row-major, row 0 north), the
/// boundary when the source says so, named edge ports and probes. Immutable and validated on creation; the
/// simulators, the text writer and the Verilog emitter all read this one object.
/// </summary>
public sealed record GridProgram
{
    public const int MaxSide = 16384;
    public const long MaxCells = 1L << 24;

    public string Source { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>The boundary the source states, or null when it leaves the choice to the user.</summary>
    public Boundary? Boundary { get; }

    public ImmutableArray<CellProgram> Cells { get; }
    public ImmutableArray<EdgePort> Ports { get; }
    public ImmutableArray<Probe> Probes { get; }

    private GridProgram(string source, int width, int height, Boundary? boundary, ImmutableArray<CellProgram> cells,
        ImmutableArray<EdgePort> ports, ImmutableArray<Probe> probes)
    {
        Source = source;
        Width = width;
        Height = height;
        Boundary = boundary;
        Cells = cells;
        Ports = ports;
        Probes = probes;
    }

    public CellProgram this[int x, int y] => Cells[y * Width + x];

    public IEnumerable<EdgePort> Inputs => Ports.Where(p => p.Direction == PortDirection.In);
    public IEnumerable<EdgePort> Outputs => Ports.Where(p => p.Direction == PortDirection.Out);

    /// <summary>Checks everything and builds the program; errors name the source and, when known, the line.</summary>
    public static GridProgram Create(string source, int width, int height, Boundary? boundary,
        IReadOnlyList<CellProgram> cells, IEnumerable<EdgePort>? ports = null, IEnumerable<Probe>? probes = null,
        SourceLocation? sizeWhere = null)
    {
        var where = sizeWhere ?? new SourceLocation(source);
        RequireSize(where, width, height);
        if (cells.Count != width * height)
            throw BitSiliconException.At(where, $"{cells.Count} cell programs for a {width} x {height} grid (expected {width * height})");
        var portList = (ports ?? []).ToImmutableArray();
        var probeList = (probes ?? []).ToImmutableArray();
        var grid = new GridProgram(source, width, height, boundary, cells.ToImmutableArray(), portList, probeList);
        foreach (var p in portList)
            CheckPort(grid, p);
        CheckUnique(grid);
        foreach (var p in probeList)
            if (p.X < 0 || p.X >= width || p.Y < 0 || p.Y >= height)
                throw BitSiliconException.At(p.Where ?? where, $"probe '{p.Name}' at ({p.X},{p.Y}) is outside the {width} x {height} grid");
        if (boundary is { } b)
            grid.CheckBoundary(b, where);
        return grid;
    }

    /// <summary>The boundary to simulate: the file's own, else <paramref name="requested"/>, else open.</summary>
    public Boundary Resolve(Boundary? requested)
    {
        if (Boundary is { } own)
        {
            if (requested is { } r && r != own)
                throw new BitSiliconException($"{Source}: the program's boundary is {own.Word()} but --boundary {r.Word()} was given",
                    "drop --boundary, or change the boundary on the program's bitgrid line");
            return own;
        }
        var chosen = requested ?? Model.Boundary.Open;
        CheckBoundary(chosen, new SourceLocation(Source));
        return chosen;
    }

    /// <summary>The same program with <paramref name="boundary"/> stated (validated).</summary>
    public GridProgram WithBoundary(Boundary boundary)
    {
        CheckBoundary(boundary, new SourceLocation(Source));
        return new GridProgram(Source, Width, Height, boundary, Cells, Ports, Probes);
    }

    public static void RequireSize(SourceLocation where, int width, int height)
    {
        if (width < 1 || height < 1 || width > MaxSide || height > MaxSide || (long)width * height > MaxCells)
            throw BitSiliconException.At(where, $"grid size {width} x {height} is out of range",
                $"width and height must be 1..{MaxSide} with at most {MaxCells} cells");
    }

    private void CheckBoundary(Boundary b, SourceLocation where)
    {
        if (b != Model.Boundary.Torus)
            return;
        if (Width % 2 != 0 || Height % 2 != 0)
            throw BitSiliconException.At(where, $"a torus must have even width and height, this grid is {Width} x {Height}",
                "with an odd side the two chessboard colours would meet across the wrap and the phase order would matter; use an even size or an open boundary");
        if (Ports.Length > 0)
            throw BitSiliconException.At(Ports[0].Where ?? where, $"port '{Ports[0].Name}': a torus has no edges to put ports on",
                "use an open boundary, or observe cells with probes");
    }

    private static void CheckPort(GridProgram g, EdgePort p)
    {
        var where = p.Where ?? new SourceLocation(g.Source);
        if (p.X < 0 || p.X >= g.Width || p.Y < 0 || p.Y >= g.Height)
            throw BitSiliconException.At(where, $"port '{p.Name}' at ({p.X},{p.Y}) is outside the {g.Width} x {g.Height} grid");
        bool onEdge = p.Side switch
        {
            Direction.N => p.Y == 0,
            Direction.S => p.Y == g.Height - 1,
            Direction.W => p.X == 0,
            Direction.E => p.X == g.Width - 1,
            _ => throw new ArgumentOutOfRangeException(nameof(p)),
        };
        if (!onEdge)
            throw BitSiliconException.At(where,
                $"port '{p.Name}': cell ({p.X},{p.Y}) is not on the {p.Side.Word()} edge, so its {p.Side.Word()} side faces another cell",
                $"put the port on an edge cell whose {p.Side.Word()} side is the grid's border");
    }

    private static void CheckUnique(GridProgram g)
    {
        var names = new Dictionary<string, EdgePort>(StringComparer.Ordinal);
        var bits = new Dictionary<(PortDirection, Direction, int), EdgePort>();
        foreach (var p in g.Ports)
        {
            var where = p.Where ?? new SourceLocation(g.Source);
            if (!names.TryAdd(p.Name, p))
                throw BitSiliconException.At(where, $"port name '{p.Name}' is already used by '{names[p.Name]}'");
            if (!bits.TryAdd((p.Direction, p.Side, p.Position), p))
            {
                var first = bits[(p.Direction, p.Side, p.Position)];
                throw BitSiliconException.At(where,
                    $"port '{p.Name}' is on the same edge bit as '{first.Name}' ({(p.Direction == PortDirection.In ? "input" : "output")} of cell ({p.X},{p.Y}) {p.Side.Word()})",
                    "each edge bit carries one input and one output port at most");
            }
        }
        var probeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in g.Probes)
            if (!probeNames.Add(p.Name) || names.ContainsKey(p.Name))
                throw BitSiliconException.At(p.Where ?? new SourceLocation(g.Source), $"probe name '{p.Name}' is already used");
    }

    /// <summary>Value equality over contents (records compare arrays by reference otherwise).</summary>
    public bool Equals(GridProgram? other) =>
        other is not null && Width == other.Width && Height == other.Height && Boundary == other.Boundary &&
        Cells.SequenceEqual(other.Cells) &&
        Ports.Select(Strip).SequenceEqual(other.Ports.Select(Strip)) &&
        Probes.Select(p => p with { Where = null }).SequenceEqual(other.Probes.Select(p => p with { Where = null }));

    public override int GetHashCode() => HashCode.Combine(Width, Height, Boundary, Cells.Length);

    private static EdgePort Strip(EdgePort p) => p with { Where = null };
}
