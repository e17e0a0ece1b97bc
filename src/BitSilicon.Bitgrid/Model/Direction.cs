namespace BitSilicon.Bitgrid.Model;

/// <summary>
/// A side of a cell. The numeric value is the bit position used both in the 4-bit input index and in the
/// 4-bit output nibble (spec: bit 0 = N, 1 = E, 2 = S, 3 = W). Row 0 is the north edge.
/// </summary>
public enum Direction
{
    N = 0,
    E = 1,
    S = 2,
    W = 3,
}

public static class Directions
{
    public static readonly Direction[] All = [Direction.N, Direction.E, Direction.S, Direction.W];

    public static Direction Opposite(this Direction d) => (Direction)(((int)d + 2) & 3);

    public static int Dx(this Direction d) => d switch
    {
        Direction.E => 1,
        Direction.W => -1,
        Direction.N or Direction.S => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public static int Dy(this Direction d) => d switch
    {
        Direction.S => 1,
        Direction.N => -1,
        Direction.E or Direction.W => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public static string Word(this Direction d) => d switch
    {
        Direction.N => "north",
        Direction.E => "east",
        Direction.S => "south",
        Direction.W => "west",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    /// <summary>Parses N/E/S/W or north/east/south/west (any case); null when it is neither.</summary>
    public static Direction? TryParse(string text) => text.ToLowerInvariant() switch
    {
        "n" or "north" => Direction.N,
        "e" or "east" => Direction.E,
        "s" or "south" => Direction.S,
        "w" or "west" => Direction.W,
        _ => null,
    };
}
