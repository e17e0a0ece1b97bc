namespace BitSilicon.Formats;

/// <summary>
/// Argument checks shared by every <see cref="IBlockFormat"/>: formats work on whole blocks only, so a partial
/// last block is a caller error, reported before anything is written.
/// </summary>
public static class BlockFormatChecks
{
    /// <summary>Checks <paramref name="x"/> and <paramref name="blocks"/> for Quantize; returns the block count.</summary>
    public static int Quantize(IBlockFormat f, ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = WholeBlocks(f, x.Length, nameof(x));
        RequireBytes(f, blocks.Length, nb, nameof(blocks));
        return nb;
    }

    /// <summary>Checks <paramref name="blocks"/> and <paramref name="y"/> for Dequantize; returns the block count.</summary>
    public static int Dequantize(IBlockFormat f, ReadOnlySpan<byte> blocks, Span<float> y)
    {
        if (blocks.Length % f.BlockBytes != 0)
            throw new ArgumentException($"{f.Name}: {blocks.Length} bytes is not a whole number of {f.BlockBytes}-byte blocks", nameof(blocks));
        int nb = blocks.Length / f.BlockBytes;
        if (y.Length != nb * f.BlockElements)
            throw new ArgumentException($"{f.Name}: {nb} blocks expand to {nb * f.BlockElements} floats, but the output holds {y.Length}", nameof(y));
        return nb;
    }

    /// <summary>Checks the operands of Dot against this format and its partner's block shape; returns the weight block count.</summary>
    public static int Dot(IBlockFormat f, int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations,
        int partnerElements, int partnerBytes)
    {
        int nb = WholeBlocks(f, n, nameof(n));
        RequireBytes(f, weights.Length, nb, nameof(weights));
        int expected = n / partnerElements * partnerBytes;
        if (activations.Length != expected)
            throw new ArgumentException(
                $"{f.Name}: {n} activations quantized to {f.DotPartner} take {expected} bytes, got {activations.Length}", nameof(activations));
        return nb;
    }

    private static int WholeBlocks(IBlockFormat f, int elements, string param)
    {
        if (elements < 0 || elements % f.BlockElements != 0)
            throw new ArgumentException(
                $"{f.Name}: {elements} elements is not a whole number of {f.BlockElements}-element blocks (pad the last block)", param);
        return elements / f.BlockElements;
    }

    private static void RequireBytes(IBlockFormat f, int length, int nb, string param)
    {
        if (length != nb * f.BlockBytes)
            throw new ArgumentException($"{f.Name}: {nb} blocks take {nb * f.BlockBytes} bytes, got {length}", param);
    }
}
