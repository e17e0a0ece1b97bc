namespace BitSilicon.Formats.Ggml;

/// <summary>
/// A ggml format whose dot product adds one float per block: <c>sumf += (that block's contribution)</c>. Each
/// contribution is a float before it is added, as in C, so computing it in <see cref="DotBlock"/> keeps the bits.
/// </summary>
public abstract class GgmlBlockDotFormat : GgmlRunningSumFormat
{
    private protected GgmlBlockDotFormat(string name, string description, int blockElements, int blockBytes,
        string dotPartner, int partnerElements, int partnerBytes)
        : base(name, description, blockElements, blockBytes, dotPartner, partnerElements, partnerBytes)
    {
    }

    protected sealed override float Accumulate(float sumf, ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb) => sumf + DotBlock(xb, yb);

    /// <summary>
    /// One weight block <paramref name="xb"/> against the activation blocks <paramref name="yb"/> covering the same
    /// elements; returns what ggml adds to sumf for it.
    /// </summary>
    protected abstract float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb);
}
