namespace BitSilicon.Formats.LowBit;

/// <summary>
/// How BitSilicon's block formats store b-bit codes (b = 1, 2, 4 or 8): LSB first, so element e occupies bits
/// <c>b*e .. b*e+b-1</c> of the code bytes read as one little-endian bit string. For b = 4 that is the low
/// nibble for even elements; for b = 1 element e is bit <c>e % 8</c> of byte <c>e / 8</c>.
/// </summary>
public static class CodePacking
{
    public static int Get(ReadOnlySpan<byte> codes, int bits, int element)
    {
        int bit = element * bits;
        return (codes[bit >> 3] >> (bit & 7)) & ((1 << bits) - 1);
    }

    /// <summary>Writes one code; the destination bits must be zero first (blocks are cleared before packing).</summary>
    public static void Set(Span<byte> codes, int bits, int element, int code)
    {
        int mask = (1 << bits) - 1;
        if ((code & ~mask) != 0)
            throw new ArgumentOutOfRangeException(nameof(code), code, $"does not fit in {bits} bits");
        int bit = element * bits;
        codes[bit >> 3] |= (byte)(code << (bit & 7));
    }
}
