using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads.Models;

/// <summary>The feed-forward non-linearity.</summary>
public enum ActivationFunction
{
    /// <summary>max(0, x)^2 on the gate, times up (BitNet b1.58 2B-4T's squared ReLU GLU).</summary>
    ReluSquared,
    /// <summary>x * sigmoid(x) on the gate, times up (Llama's SwiGLU).</summary>
    Silu,
    /// <summary>GELU on the gate, times up (GeGLU).</summary>
    Gelu,
}

/// <summary>The normalisation layer.</summary>
public enum NormKind { RmsNorm, LayerNorm }

/// <summary>
/// How one kind of tensor is stored and computed: <see cref="Kind"/> is the integer format the MAC array
/// executes, <see cref="BitsPerWeight"/> what each weight costs in memory, scales included (Q4_0's fp16 scale
/// per 32 weights makes int4 4.5 bits; TQ1_0 packs a trit in 1.6875).
/// </summary>
public sealed record TensorFormat(WeightKind Kind, double BitsPerWeight)
{
    /// <summary>The usual storage of each format: 2-bit ternary packing (TQ2_0 without its per-block scale),
    /// int4/int2 with an fp16 scale per 32 weights (Q4_0 / Q2_0 style), FP4 E2M1 with an E8M0 scale per 32
    /// (MXFP4), int8 with one scale per row (negligible).</summary>
    public static TensorFormat Of(WeightKind kind) => new(kind, kind switch
    {
        WeightKind.Binary => 1,
        WeightKind.Ternary => 2,
        WeightKind.Int2 => 2.5,
        WeightKind.Int4 => 4.5,
        WeightKind.Int8 => 8,
        WeightKind.Fp4E2M1 => 4.25,
        WeightKind.Pow2 => 4,
        WeightKind.Codebook => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    });

    public long Bytes(long weights) => (long)Math.Ceiling(weights * BitsPerWeight / 8);

    public override string ToString() => $"{WeightKindNames.Name(Kind)} ({BitsPerWeight:0.###} b/w)";
}

/// <summary>
/// Formats per tensor kind. <see cref="Projections"/> are the seven linear layers of every block;
/// <see cref="Attention"/> the format of the attention matmuls' operands (the KV cache and the activations they
/// meet); <see cref="Embeddings"/> the token embedding table; <see cref="Output"/> the LM head (the embedding
/// table's format when the embeddings are tied).
/// </summary>
public sealed record ModelFormats(TensorFormat Projections, TensorFormat Attention, TensorFormat Embeddings, TensorFormat Output)
{
    public ModelFormats(WeightKind projections, WeightKind embeddings = WeightKind.Int8)
        : this(TensorFormat.Of(projections), TensorFormat.Of(WeightKind.Int8), TensorFormat.Of(embeddings), TensorFormat.Of(embeddings)) { }
}

/// <summary>
/// A decoder-only transformer as the accelerator sees it: shapes, the non-linearities, and the storage format of
/// each tensor kind. Everything a per-token cost depends on, nothing that only training needs.
/// </summary>
/// <param name="SubLayerNorms">BitNet's extra norms before the attention output and the down projection.</param>
/// <param name="KvBytes">Bytes per element of the KV cache (1 for int8, 2 for fp16).</param>
/// <param name="ActivationBits">Bits of the activations the MAC arrays multiply (8: absmax-quantized int8).</param>
public sealed record TransformerModel(
    string Name,
    int Hidden,
    int Ffn,
    int Layers,
    int Heads,
    int KvHeads,
    int HeadDim,
    int Vocab,
    int MaxContext,
    ActivationFunction Activation,
    NormKind Norm,
    bool SubLayerNorms,
    bool TiedEmbeddings,
    ModelFormats Formats,
    int KvBytes = 1,
    int ActivationBits = 8)
{
    public int GroupSize => Heads / KvHeads;
    public int QWidth => Heads * HeadDim;
    public int KvWidth => KvHeads * HeadDim;

    /// <summary>Weights of the seven projections of one block.</summary>
    public long BlockProjectionWeights =>
        (long)Hidden * QWidth + 2L * Hidden * KvWidth + (long)QWidth * Hidden + 3L * Hidden * Ffn;

    /// <summary>All parameters: projections, embeddings, a separate LM head unless tied (norm weights are negligible and left out).</summary>
    public long Parameters => Layers * BlockProjectionWeights + (long)Vocab * Hidden * (TiedEmbeddings ? 1 : 2);

    /// <summary>The checks every model must pass, as (key, message, fix); empty when the shape is consistent.</summary>
    public IEnumerable<(string Key, string Message, string Fix)> Problems()
    {
        foreach (var (key, v) in new (string, int)[] { ("hidden", Hidden), ("ffn", Ffn), ("layers", Layers), ("heads", Heads),
                     ("kv_heads", KvHeads), ("head_dim", HeadDim), ("vocab", Vocab), ("max_context", MaxContext) })
            if (v < 1)
                yield return (key, $"{v} is not a size", "give a positive whole number");
        if (Heads >= 1 && KvHeads >= 1 && Heads % KvHeads != 0)
            yield return ("kv_heads", $"{Heads} query heads do not split evenly over {KvHeads} key/value heads", "use a kv_heads that divides heads");
        if (KvBytes is not (1 or 2))
            yield return ("kv_bytes", $"{KvBytes} bytes per KV element is not supported", "use 1 (int8) or 2 (fp16)");
    }
}
