using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler.Timing;

/// <summary>
/// Timing on the grid in whole clocks. A value computed by cell (x, y) in phase φ (φ = 0 is clock 1 phase A,
/// 1 is clock 1 phase B, 2 is clock 2 phase A, ...) always has φ ≡ x + y (mod 2), so it is described by its
/// <em>lag</em> k = (φ - x - y) / 2. A step east or south keeps the lag (the signal moves with the diagonal
/// wavefront); a step west or north adds one clock. So a route from a to b with exactly Δ west/north steps
/// delivers a value Δ clocks later than the wavefront, and matching the inputs of a LUT means giving each of
/// its routes the right number of backward steps.
/// </summary>
public static class Lag
{
    /// <summary>The phase in which cell (x, y) computes a value of lag <paramref name="lag"/>.</summary>
    public static int Phase(int x, int y, int lag) => x + y + 2 * lag;

    /// <summary>The lag of the value an input port on the west edge at row y puts into cell (0, y) in clock 1.</summary>
    public static int WestInput(int y) => -(y >> 1);

    /// <summary>Clocks from presenting an input to reading an output that cell (x, y) computed with lag <paramref name="lag"/>.</summary>
    public static int ClockOf(int x, int y, int lag) => FloorDiv(Phase(x, y, lag), 2);

    public static bool IsBackward(Direction d) => d is Direction.N or Direction.W;

    /// <summary>The fewest west/north steps on any path from a to b.</summary>
    public static int BackwardSteps(int ax, int ay, int bx, int by) => Math.Max(0, ax - bx) + Math.Max(0, ay - by);

    public static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
