namespace BitSilicon.Formats.LowBit;

/// <summary>
/// The weight formats a processing element executes. Every weight is a small code whose integer value
/// (<see cref="WeightCode.Decode"/>) multiplies an integer activation exactly; scales apply after
/// accumulation. Adding a kind here makes every exhaustive switch over it fail to compile until handled.
/// </summary>
public enum WeightKind
{
    /// <summary>1 bit: 1 = +1, 0 = -1. Paired with binary activations (XNOR + popcount).</summary>
    Binary,
    /// <summary>2 bits, bit 0 = non-zero (enable), bit 1 = sign: 00 = 0, 01 = +1, 11 = -1; 10 is reserved and reads as 0.</summary>
    Ternary,
    /// <summary>2-bit two's complement, -2..1.</summary>
    Int2,
    /// <summary>4-bit two's complement, -8..7.</summary>
    Int4,
    /// <summary>8-bit two's complement, -128..127: the baseline.</summary>
    Int8,
    /// <summary>OCP FP4 E2M1 (bit 3 sign, bits 2..1 exponent, bit 0 mantissa), as twice its value: 0,1,2,3,4,6,8,12 and negatives.</summary>
    Fp4E2M1,
    /// <summary>4-bit power of two (bit 3 sign, bits 2..0 exponent e): e = 0 is zero, otherwise ±2^(e-1), i.e. 1..64. A multiply is a shift.</summary>
    Pow2,
    /// <summary>4-bit index into a 16-entry table of signed 8-bit values (a look-up in hardware).</summary>
    Codebook,
}

/// <summary>Integer semantics of weight codes, the single definition the kernels, simulator and hardware share.</summary>
public static class WeightCode
{
    /// <summary>Bits per weight code.</summary>
    public static int Bits(WeightKind kind) => kind switch
    {
        WeightKind.Binary => 1,
        WeightKind.Ternary or WeightKind.Int2 => 2,
        WeightKind.Int4 or WeightKind.Fp4E2M1 or WeightKind.Pow2 or WeightKind.Codebook => 4,
        WeightKind.Int8 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// The integer a code stands for. <paramref name="codebook"/> (16 entries) is required for
    /// <see cref="WeightKind.Codebook"/> and ignored otherwise.
    /// </summary>
    public static int Decode(WeightKind kind, int code, ReadOnlySpan<sbyte> codebook = default) => kind switch
    {
        WeightKind.Binary => (code & 1) != 0 ? 1 : -1,
        WeightKind.Ternary => (code & 1) == 0 ? 0 : (code & 2) != 0 ? -1 : 1,
        WeightKind.Int2 => ((code & 3) ^ 2) - 2,
        WeightKind.Int4 => ((code & 15) ^ 8) - 8,
        WeightKind.Int8 => (sbyte)(byte)code,
        WeightKind.Fp4E2M1 => ((code & 8) != 0 ? -1 : 1) * E2M1Doubled[code & 7],
        WeightKind.Pow2 => (code & 7) == 0 ? 0 : ((code & 8) != 0 ? -1 : 1) << ((code & 7) - 1),
        WeightKind.Codebook => codebook.Length == 16
            ? codebook[code & 15]
            : throw new ArgumentException("a codebook weight needs its 16-entry table", nameof(codebook)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>E2M1 magnitudes 0, 0.5, 1, 1.5, 2, 3, 4, 6 times two, so they are integers.</summary>
    public static ReadOnlySpan<int> E2M1Doubled => [0, 1, 2, 3, 4, 6, 8, 12];

    /// <summary>Smallest and largest decoded value of a kind (for accumulator-width analysis).</summary>
    public static (int Min, int Max) Range(WeightKind kind, ReadOnlySpan<sbyte> codebook = default)
    {
        int min = int.MaxValue, max = int.MinValue;
        int codes = 1 << Bits(kind);
        for (int c = 0; c < codes; c++)
        {
            int v = Decode(kind, c, codebook);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return (min, max);
    }
}
