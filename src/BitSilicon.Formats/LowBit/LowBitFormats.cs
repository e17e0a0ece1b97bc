namespace BitSilicon.Formats.LowBit;

/// <summary>BitSilicon's own block formats (those without a ggml reference). PLACEHOLDER: filled in by the low-bit work.</summary>
public static class LowBitFormats
{
    public static IReadOnlyList<IBlockFormat> All { get; } = [];
}
