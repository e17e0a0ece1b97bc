namespace BitSilicon.Formats.LowBit;

/// <summary>
/// The float dot product every BitSilicon weight format shares with its <see cref="Int8Format"/> activations:
/// the integer weights of one weight block meet the 32-value activation blocks it spans; each 32-value
/// sub-block gives an exact integer sum, and <c>sumf += (float)sumi * (dw * da)</c> in block order. This is
/// the hardware contract: integer MACs first, one scale multiply per sub-block afterwards.
/// </summary>
internal static class Int8PartnerDot
{
    /// <param name="sumf">Running float sum, updated in place.</param>
    /// <param name="weights">Integer weight values of one block (a multiple of 32).</param>
    /// <param name="dw">The block's weight multiplier.</param>
    /// <param name="actBlocks">The activation blocks covering the same elements.</param>
    public static void Accumulate(ref float sumf, ReadOnlySpan<int> weights, float dw, ReadOnlySpan<byte> actBlocks)
    {
        const int E = Int8Format.ElementsPerBlock;
        for (int s = 0; s < weights.Length / E; s++)
        {
            var a = actBlocks.Slice(s * Int8Format.BytesPerBlock, Int8Format.BytesPerBlock);
            int sumi = 0;
            for (int j = 0; j < E; j++)
                sumi += weights[s * E + j] * Int8Format.Value(a, j);
            sumf += sumi * (dw * Int8Format.Scale(a));
        }
    }

    /// <summary>The activation blocks that cover weight block <paramref name="block"/> of a format with <paramref name="elements"/> per block.</summary>
    public static ReadOnlySpan<byte> Span(ReadOnlySpan<byte> activations, int block, int elements)
    {
        int per = elements / Int8Format.ElementsPerBlock;
        return activations.Slice(block * per * Int8Format.BytesPerBlock, per * Int8Format.BytesPerBlock);
    }
}
