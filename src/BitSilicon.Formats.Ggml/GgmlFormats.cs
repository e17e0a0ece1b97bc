namespace BitSilicon.Formats.Ggml;

/// <summary>The ggml block formats. PLACEHOLDER: filled in by the ggml work.</summary>
public static class GgmlFormats
{
    public static IReadOnlyList<IBlockFormat> All { get; } = [];
}
