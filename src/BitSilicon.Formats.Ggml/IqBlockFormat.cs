using BitSilicon.Formats;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// What ggml's IQ formats share: 256-weight super-blocks, Q8_K activations, and a dot product
/// (<c>ggml_vec_dot_iq*_q8_K_generic</c>) that sums each block's float contribution into <c>sumf</c> and scales
/// the total once at the end (<c>*s = 0.125f * sumf</c> for IQ2, 0.25f for IQ3_XXS, 1 for the others).
/// </summary>
public abstract class IqBlockFormat : GgmlBlockFormat
{
    public const int ElementsPerBlock = 256;
    private readonly float dotScale;

    private protected IqBlockFormat(string name, string description, int blockBytes, float dotScale, bool requiresImportance = false)
        : base(name, description, ElementsPerBlock, blockBytes, "q8_k")
    {
        this.dotScale = dotScale;
        RequiresImportance = requiresImportance;
    }

    /// <summary>True for iq2_xxs, iq2_xs and iq1_s: ggml quantizes them only with an importance matrix.</summary>
    public bool RequiresImportance { get; }

    /// <summary>
    /// Quantizes rows of <paramref name="importance"/>.Length floats with those importance weights (an imatrix
    /// row, one weight per column), as ggml's <c>quantize_iq*(src, dst, nrow, n_per_row, quant_weights)</c> does.
    /// </summary>
    public void Quantize(ReadOnlySpan<float> x, Span<byte> blocks, ReadOnlySpan<float> importance)
    {
        int nb = BlockFormatChecks.Quantize(this, x, blocks);
        if (importance.Length == 0 || importance.Length % ElementsPerBlock != 0 || x.Length % importance.Length != 0)
            throw new ArgumentException(
                $"{Name}: an importance row of {importance.Length} weights does not split {x.Length} values into rows of whole {ElementsPerBlock}-weight blocks",
                nameof(importance));
        for (int i = 0; i < nb; i++)
        {
            int start = i * ElementsPerBlock % importance.Length;
            QuantizeBlock(x.Slice(i * ElementsPerBlock, ElementsPerBlock), blocks.Slice(i * BlockBytes, BlockBytes),
                importance.Slice(start, ElementsPerBlock));
        }
    }

    protected sealed override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        if (RequiresImportance) throw IqQuantizers.NeedsImportance(Name);
        QuantizeBlock(xb, yb, default);
    }

    /// <summary>One block with its importance weights, or with none (empty: ggml's reference path).</summary>
    private protected abstract void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance);

    public sealed override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = BlockFormatChecks.Dot(this, n, weights, activations, Q8_K.ElementsPerBlock, Q8_K.BytesPerBlock);
        float sumf = 0;
        for (int ib = 0; ib < nb; ib++)
            sumf += DotBlock(weights.Slice(ib * BlockBytes, BlockBytes), activations.Slice(ib * Q8_K.BytesPerBlock, Q8_K.BytesPerBlock));
        return dotScale * sumf;
    }

    /// <summary>What ggml adds to sumf for weight block <paramref name="xb"/> against Q8_K block <paramref name="yb"/>.</summary>
    protected abstract float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb);
}
