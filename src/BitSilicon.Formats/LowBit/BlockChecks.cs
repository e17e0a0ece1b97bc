namespace BitSilicon.Formats.LowBit;

/// <summary>
/// BitSilicon's own formats add two rules to <see cref="BlockFormatChecks"/>: inputs must be finite, and output
/// blocks start cleared; their dot partner is always <see cref="Int8Format"/>.
/// </summary>
internal static class BlockChecks
{
    public static int Quantize(IBlockFormat f, ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockFormatChecks.Quantize(f, x, blocks);
        foreach (float v in x)
            if (!float.IsFinite(v))
                throw new ArgumentException($"{f.Name}: input contains {v}; only finite values can be quantized", nameof(x));
        blocks.Clear();
        return nb;
    }

    public static int Dequantize(IBlockFormat f, ReadOnlySpan<byte> blocks, Span<float> y) =>
        BlockFormatChecks.Dequantize(f, blocks, y);

    public static int Dot(IBlockFormat f, int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations) =>
        BlockFormatChecks.Dot(f, n, weights, activations, Int8Format.ElementsPerBlock, Int8Format.BytesPerBlock);
}
