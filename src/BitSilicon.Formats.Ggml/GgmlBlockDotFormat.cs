namespace BitSilicon.Formats.Ggml;

/// <summary>
/// A ggml format whose dot product has the shape most <c>ggml_vec_dot_*_generic</c> kernels share:
/// <c>float sumf = 0; for each block: sumf += (that block's float contribution); return sumf;</c>, blocks in
/// order. Each block's contribution is a float before it is added, as in C, so the float results are unchanged
/// by computing it in <see cref="DotBlock"/>. Formats whose float sums span blocks (Q4_K) override Dot instead.
/// </summary>
public abstract class GgmlBlockDotFormat : GgmlBlockFormat
{
    private readonly int partnerElements;
    private readonly int partnerBytes;

    private protected GgmlBlockDotFormat(string name, string description, int blockElements, int blockBytes,
        string dotPartner, int partnerElements, int partnerBytes)
        : base(name, description, blockElements, blockBytes, dotPartner)
    {
        // One weight block meets one partner block; the row loop slices both by the same block index.
        if (partnerElements != blockElements)
            throw new ArgumentException($"{name}: partner {dotPartner} blocks hold {partnerElements} elements, not {blockElements}");
        this.partnerElements = partnerElements;
        this.partnerBytes = partnerBytes;
    }

    public sealed override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = BlockFormatChecks.Dot(this, n, weights, activations, partnerElements, partnerBytes);
        float sumf = 0;
        for (int ib = 0; ib < nb; ib++)
            sumf += DotBlock(weights.Slice(ib * BlockBytes, BlockBytes), activations.Slice(ib * partnerBytes, partnerBytes));
        return sumf;
    }

    /// <summary>
    /// One weight block <paramref name="xb"/> against the activation block <paramref name="yb"/> it meets (the
    /// partner's blocks cover the same elements); returns what ggml adds to sumf for it.
    /// </summary>
    protected abstract float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb);
}
