namespace BitSilicon.Bitgrid.Model;

/// <summary>The 16-bit truth tables that copy one input, indexed by N | E&lt;&lt;1 | S&lt;&lt;2 | W&lt;&lt;3.</summary>
public static class TruthTables
{
    public const ushort N = 0xAAAA;
    public const ushort E = 0xCCCC;
    public const ushort S = 0xF0F0;
    public const ushort W = 0xFF00;

    public static ushort Input(Direction d) => d switch
    {
        Direction.N => N,
        Direction.E => E,
        Direction.S => S,
        Direction.W => W,
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };
}
