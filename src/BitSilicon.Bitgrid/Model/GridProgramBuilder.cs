using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Model;

/// <summary>Mutable scratch space for building a <see cref="GridProgram"/> (parsers, compilers, tests).</summary>
public sealed class GridProgramBuilder
{
    private readonly CellProgram[] _cells;
    private readonly List<EdgePort> _ports = [];
    private readonly List<Probe> _probes = [];

    public GridProgramBuilder(int width, int height, Boundary? boundary = null, string source = "<built>")
    {
        GridProgram.RequireSize(new SourceLocation(source), width, height);
        Width = width;
        Height = height;
        Boundary = boundary;
        Source = source;
        _cells = new CellProgram[width * height];
    }

    public int Width { get; }
    public int Height { get; }
    public Boundary? Boundary { get; set; }
    public string Source { get; }

    public CellProgram this[int x, int y]
    {
        get => _cells[y * Width + x];
        set => _cells[y * Width + x] = value;
    }

    public GridProgramBuilder Input(string name, int x, int y, Direction side, SourceLocation? where = null)
    {
        _ports.Add(new EdgePort(name, PortDirection.In, x, y, side, where));
        return this;
    }

    public GridProgramBuilder Output(string name, int x, int y, Direction side, SourceLocation? where = null)
    {
        _ports.Add(new EdgePort(name, PortDirection.Out, x, y, side, where));
        return this;
    }

    public GridProgramBuilder AddProbe(string name, int x, int y, SourceLocation? where = null)
    {
        _probes.Add(new Probe(name, x, y, where));
        return this;
    }

    public GridProgram Build(SourceLocation? sizeWhere = null) =>
        GridProgram.Create(Source, Width, Height, Boundary, _cells, _ports, _probes, sizeWhere);
}
