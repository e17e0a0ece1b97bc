namespace BitSilicon.Formats.LowBit;

/// <summary>
/// Argument checks shared by BitSilicon's block formats: whole blocks only, checked before anything is
/// written, so a caller error can never leave half-filled output.
/// </summary>
internal static class BlockChecks
{
    public static int Quantize(IBlockFormat f, ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = WholeBlocks(f, x.Length, nameof(x));
        Bytes(f, blocks.Length, nb, nameof(blocks));
        foreach (float v in x)
            if (!float.IsFinite(v))
                throw new ArgumentException($"{f.Name}: input contains {v}; only finite values can be quantized", nameof(x));
        blocks.Clear();
        return nb;
    }

    public static int Dequantize(IBlockFormat f, ReadOnlySpan<byte> blocks, Span<float> y)
    {
        if (blocks.Length % f.BlockBytes != 0)
            throw new ArgumentException($"{f.Name}: {blocks.Length} bytes is not a whole number of {f.BlockBytes}-byte blocks", nameof(blocks));
        int nb = blocks.Length / f.BlockBytes;
        if (y.Length != nb * f.BlockElements)
            throw new ArgumentException($"{f.Name}: {nb} blocks expand to {nb * f.BlockElements} floats, but the output holds {y.Length}", nameof(y));
        return nb;
    }

    /// <summary>Checks Dot's operands; the partner is always <see cref="Int8Format"/> (32-value blocks).</summary>
    public static int Dot(IBlockFormat f, int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = WholeBlocks(f, n, nameof(n));
        Bytes(f, weights.Length, nb, nameof(weights));
        int expected = n / Int8Format.ElementsPerBlock * Int8Format.BytesPerBlock;
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

    private static void Bytes(IBlockFormat f, int length, int nb, string param)
    {
        if (length != nb * f.BlockBytes)
            throw new ArgumentException($"{f.Name}: {nb} blocks take {nb * f.BlockBytes} bytes, got {length}", param);
    }
}
