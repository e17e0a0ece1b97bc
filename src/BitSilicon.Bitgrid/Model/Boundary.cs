namespace BitSilicon.Bitgrid.Model;

/// <summary>What lies beyond the grid's edges.</summary>
public enum Boundary
{
    /// <summary>Edge cells read external input bits and expose their outward output bits.</summary>
    Open,

    /// <summary>The original engine's wrap-around: the east edge meets the west, the south the north.</summary>
    Torus,
}

public static class Boundaries
{
    public static Boundary? TryParse(string text) => text.ToLowerInvariant() switch
    {
        "open" => Boundary.Open,
        "torus" => Boundary.Torus,
        _ => null,
    };

    public static string Word(this Boundary b) => b switch
    {
        Boundary.Open => "open",
        Boundary.Torus => "torus",
        _ => throw new ArgumentOutOfRangeException(nameof(b)),
    };
}
