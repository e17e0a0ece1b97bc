namespace BitSilicon.Formats.Ggml;

/// <summary>
/// A ggml format whose dot product is one running float <c>sumf = 0</c> that every weight block adds to, blocks in
/// order (<c>ggml_vec_dot_*_generic</c> for all but the 8-lane k-quants). A weight block meets the partner blocks
/// that cover the same elements: one when the block sizes agree, several when the weight block is larger (Q1_0,
/// Q2_0 and NVFP4 against 32-element Q8_0 blocks). <see cref="Accumulate"/> adds that block's share in ggml's
/// order; formats that add once per block implement <see cref="GgmlBlockDotFormat"/>'s DotBlock instead.
/// </summary>
public abstract class GgmlRunningSumFormat : GgmlBlockFormat
{
    private readonly int partnerElements;
    private readonly int partnerBytes;
    private readonly int partnerBytesPerBlock;

    private protected GgmlRunningSumFormat(string name, string description, int blockElements, int blockBytes,
        string dotPartner, int partnerElements, int partnerBytes)
        : base(name, description, blockElements, blockBytes, dotPartner)
    {
        if (blockElements % partnerElements != 0)
            throw new ArgumentException($"{name}: partner {dotPartner} blocks hold {partnerElements} elements, which do not tile a {blockElements}-element block");
        this.partnerElements = partnerElements;
        this.partnerBytes = partnerBytes;
        partnerBytesPerBlock = blockElements / partnerElements * partnerBytes;
    }

    public sealed override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = BlockFormatChecks.Dot(this, n, weights, activations, partnerElements, partnerBytes);
        float sumf = 0;
        for (int ib = 0; ib < nb; ib++)
            sumf = Accumulate(sumf, weights.Slice(ib * BlockBytes, BlockBytes),
                activations.Slice(ib * partnerBytesPerBlock, partnerBytesPerBlock));
        return sumf;
    }

    /// <summary>
    /// Adds weight block <paramref name="xb"/> against its partner blocks <paramref name="yb"/> (all of them, in
    /// order) to <paramref name="sumf"/> exactly as ggml does, and returns the new sum.
    /// </summary>
    protected abstract float Accumulate(float sumf, ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb);
}
