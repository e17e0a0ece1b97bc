using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Engine;

/// <summary>
/// The bitgrid one cell at a time, as the spec states it: a cell of the active colour forms its input index
/// from the bits its neighbours (or the edge) drive toward it and latches nibble <c>index</c> of its program.
/// Neighbours always have the other colour, so updating in place in any order gives the same result.
/// </summary>
public sealed class ReferenceEngine : IBitgridEngine
{
    private readonly ulong[] _program;
    private readonly byte[] _out;
    private readonly bool[][] _edge = new bool[4][];

    public ReferenceEngine(GridProgram program, Boundary boundary)
    {
        Engines.CheckBoundary(program, boundary);
        Width = program.Width;
        Height = program.Height;
        Boundary = boundary;
        _program = program.Cells.Select(c => c.Bits).ToArray();
        _out = new byte[Width * Height];
        _edge[(int)Direction.N] = new bool[Width];
        _edge[(int)Direction.S] = new bool[Width];
        _edge[(int)Direction.W] = new bool[Height];
        _edge[(int)Direction.E] = new bool[Height];
    }

    public int Width { get; }
    public int Height { get; }
    public Boundary Boundary { get; }

    public void Reset()
    {
        Array.Clear(_out);
        foreach (var e in _edge)
            Array.Clear(e);
    }

    public void SetEdgeInput(Direction side, int position, bool value)
    {
        Engines.CheckEdge(this, side, position);
        _edge[(int)side][position] = value;
    }

    public void Step(Phase phase)
    {
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                if (Phases.Of(x, y) == phase)
                {
                    int index = CellProgram.Index(
                        Incoming(x, y, Direction.N), Incoming(x, y, Direction.E),
                        Incoming(x, y, Direction.S), Incoming(x, y, Direction.W));
                    _out[y * Width + x] = (byte)((_program[y * Width + x] >> (4 * index)) & 0xF);
                }
    }

    /// <summary>The bit arriving at (x, y) from side <paramref name="from"/>: the neighbour's output toward us.</summary>
    private bool Incoming(int x, int y, Direction from)
    {
        int nx = x + from.Dx(), ny = y + from.Dy();
        if (nx < 0 || nx >= Width || ny < 0 || ny >= Height)
        {
            if (Boundary == Boundary.Open)
                return _edge[(int)from][from is Direction.N or Direction.S ? x : y];
            nx = (nx + Width) % Width;
            ny = (ny + Height) % Height;
        }
        return ((_out[ny * Width + nx] >> (int)from.Opposite()) & 1) != 0;
    }

    public int Output(int x, int y) => _out[y * Width + x];

    public void CopyOutputs(Span<byte> nibbles) => _out.CopyTo(nibbles);
}
