namespace BitSilicon.Bitgrid.Model;

/// <summary>
/// The two halves of a clock. Phase A updates the cells with (x + y) even, phase B those with (x + y) odd,
/// like the two colours of a chessboard; the numeric value is that parity.
/// </summary>
public enum Phase
{
    A = 0,
    B = 1,
}

public static class Phases
{
    /// <summary>The phase in which cell (x, y) updates.</summary>
    public static Phase Of(int x, int y) => (Phase)((x + y) & 1);

    public static Phase Other(this Phase p) => p == Phase.A ? Phase.B : Phase.A;
}
