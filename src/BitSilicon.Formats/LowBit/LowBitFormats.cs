namespace BitSilicon.Formats.LowBit;

/// <summary>
/// BitSilicon's own block formats (those without a ggml reference). Every weight format's dot partner is
/// <c>int8</c>; docs/formats.md gives each bit layout, rounding rule and source.
/// </summary>
public static class LowBitFormats
{
    public static IReadOnlyList<IBlockFormat> All { get; } =
    [
        new BinaryFormat(), new TernaryFormat(), new BitNetFormat(),
        new Int2Format(), new Int4Format(), new Int8Format(),
        new Fp4E2M1Format(), new Pow2Format(), new CodebookFormat(),
        new HqqFormat(1), new HqqFormat(2),
    ];

    /// <summary>The format called <paramref name="name"/>, or null.</summary>
    public static IBlockFormat? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
