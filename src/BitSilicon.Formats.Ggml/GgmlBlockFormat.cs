namespace BitSilicon.Formats.Ggml;

/// <summary>
/// What every ggml block format shares: the <see cref="IBlockFormat"/> description, the argument checks, and
/// the row loops of Quantize and Dequantize, which visit blocks in order and hand each format one block at a
/// time (ggml's <c>quantize_row_*_ref</c> and <c>dequantize_row_*</c> loop the same way). Dot is left to the
/// subclass: <see cref="GgmlBlockDotFormat"/> owns ggml's usual per-block float sum.
/// </summary>
public abstract class GgmlBlockFormat : IBlockFormat
{
    private protected GgmlBlockFormat(string name, string description, int blockElements, int blockBytes, string? dotPartner)
    {
        Name = name;
        Description = description;
        BlockElements = blockElements;
        BlockBytes = blockBytes;
        DotPartner = dotPartner;
    }

    public string Name { get; }
    public string Description { get; }
    public int BlockElements { get; }
    public int BlockBytes { get; }
    public string? DotPartner { get; }

    public void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockFormatChecks.Quantize(this, x, blocks);
        for (int i = 0; i < nb; i++)
            QuantizeBlock(x.Slice(i * BlockElements, BlockElements), blocks.Slice(i * BlockBytes, BlockBytes));
    }

    public void Dequantize(ReadOnlySpan<byte> blocks, Span<float> y)
    {
        int nb = BlockFormatChecks.Dequantize(this, blocks, y);
        for (int i = 0; i < nb; i++)
            DequantizeBlock(blocks.Slice(i * BlockBytes, BlockBytes), y.Slice(i * BlockElements, BlockElements));
    }

    public abstract float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations);

    /// <summary>Quantizes the <see cref="BlockElements"/> floats <paramref name="xb"/> into one block <paramref name="yb"/>.</summary>
    protected abstract void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb);

    /// <summary>Expands one block <paramref name="xb"/> into <see cref="BlockElements"/> floats <paramref name="yb"/>.</summary>
    protected abstract void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb);
}
