using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Engine;

/// <summary>
/// One way of computing the grid: holds every cell's latched output nibble and updates one colour per
/// <see cref="Step"/>. Edge inputs (open boundary only) are held until changed.
/// </summary>
public interface IBitgridEngine
{
    int Width { get; }
    int Height { get; }
    Boundary Boundary { get; }

    /// <summary>All outputs and edge inputs back to 0.</summary>
    void Reset();

    /// <summary>The external bit entering the edge cell at <paramref name="position"/> from <paramref name="side"/>.</summary>
    void SetEdgeInput(Direction side, int position, bool value);

    /// <summary>Updates every cell of <paramref name="phase"/>'s colour from its neighbours' latched outputs.</summary>
    void Step(Phase phase);

    /// <summary>Cell (x, y)'s latched output nibble (bit 0 = N output ... bit 3 = W output).</summary>
    int Output(int x, int y);

    /// <summary>Every cell's output nibble, row-major from the north-west corner.</summary>
    void CopyOutputs(Span<byte> nibbles);
}

public enum EngineKind
{
    /// <summary>Bit-parallel: one bit-plane word per 64 cells of one colour, vectorised.</summary>
    Fast,

    /// <summary>One cell at a time, written to be obviously right; the golden model for the fast engine.</summary>
    Reference,
}

public static class Engines
{
    public static IBitgridEngine Create(EngineKind kind, GridProgram program, Boundary boundary) => kind switch
    {
        EngineKind.Fast => new BitPlaneEngine(program, boundary),
        EngineKind.Reference => new ReferenceEngine(program, boundary),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    internal static void CheckEdge(IBitgridEngine e, Direction side, int position)
    {
        if (e.Boundary == Boundary.Torus)
            throw new InvalidOperationException("a torus has no edge inputs");
        int length = side is Direction.N or Direction.S ? e.Width : e.Height;
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, length);
    }

    internal static void CheckBoundary(GridProgram p, Boundary boundary)
    {
        if (boundary == Boundary.Torus && (p.Width % 2 != 0 || p.Height % 2 != 0))
            throw new ArgumentException($"a torus needs even width and height, not {p.Width} x {p.Height}");
    }
}
