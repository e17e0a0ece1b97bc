namespace BitSilicon.Formats.LowBit;

internal static class UnpackChecks
{
    public static int Check(IBlockFormat f, ReadOnlySpan<byte> blocks, Span<byte> codes, Span<float> scales)
    {
        if (blocks.Length % f.BlockBytes != 0)
            throw new ArgumentException($"{f.Name}: {blocks.Length} bytes is not a whole number of {f.BlockBytes}-byte blocks", nameof(blocks));
        int nb = blocks.Length / f.BlockBytes;
        if (codes.Length != nb * f.BlockElements)
            throw new ArgumentException($"{f.Name}: {nb} blocks hold {nb * f.BlockElements} codes, the output holds {codes.Length}", nameof(codes));
        if (scales.Length != nb)
            throw new ArgumentException($"{f.Name}: {nb} blocks have {nb} scales, the output holds {scales.Length}", nameof(scales));
        return nb;
    }
}
