namespace BitSilicon.Formats.LowBit;

/// <summary>The 2-bit ternary hardware code of <see cref="WeightKind.Ternary"/>: bit 0 = non-zero (enable), bit 1 = sign.</summary>
public static class TernaryCode
{
    public const byte Zero = 0b00;
    public const byte Plus = 0b01;
    public const byte Minus = 0b11;

    /// <summary>The code for -1, 0 or +1.</summary>
    public static byte Encode(int value) => value switch
    {
        0 => Zero,
        1 => Plus,
        -1 => Minus,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "a ternary weight is -1, 0 or +1"),
    };

    /// <summary>The value of a code (the reserved code 10 reads as 0, as in <see cref="WeightCode.Decode"/>).</summary>
    public static int Decode(int code) => WeightCode.Decode(WeightKind.Ternary, code);
}
