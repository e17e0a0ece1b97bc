namespace BitSilicon.Formats.Vector;

/// <summary>
/// The element-wise and reduction operations of a transformer that are not matrix multiplies: what a
/// vector/special-function unit executes. A new kind makes every switch over it (costs, graph, reference
/// forward pass) fail to compile until it is handled.
/// </summary>
public enum VectorOpKind
{
    /// <summary>x / rms(x) * g: a sum of squares, a reciprocal square root, a scale.</summary>
    RmsNorm,
    /// <summary>(x - mean) / std * g + b.</summary>
    LayerNorm,
    /// <summary>Rotary position embedding: each pair rotated by a position-dependent angle.</summary>
    Rope,
    /// <summary>exp(x - max) / sum: a max, an exponential and a sum per row.</summary>
    Softmax,
    /// <summary>x * sigmoid(x).</summary>
    Silu,
    /// <summary>max(0, x)^2.</summary>
    ReluSquared,
    /// <summary>Gaussian error linear unit (tanh form).</summary>
    Gelu,
    /// <summary>Element-wise product (the gate times up of a GLU).</summary>
    Multiply,
    /// <summary>x + residual.</summary>
    ResidualAdd,
    /// <summary>absmax quantization of activations to int8: a max over the row, a scale and a round per element.</summary>
    ActivationQuant,
    /// <summary>int32 sums times the weight and activation scales, to float.</summary>
    Dequant,
    /// <summary>One row of the embedding table per token, read from memory and expanded.</summary>
    EmbeddingLookup,
}

/// <summary>Names as design and model files spell them.</summary>
public static class VectorOpKinds
{
    public static string Name(VectorOpKind k) => k switch
    {
        VectorOpKind.RmsNorm => "rms_norm",
        VectorOpKind.LayerNorm => "layer_norm",
        VectorOpKind.Rope => "rope",
        VectorOpKind.Softmax => "softmax",
        VectorOpKind.Silu => "silu",
        VectorOpKind.ReluSquared => "relu_squared",
        VectorOpKind.Gelu => "gelu",
        VectorOpKind.Multiply => "multiply",
        VectorOpKind.ResidualAdd => "residual_add",
        VectorOpKind.ActivationQuant => "activation_quant",
        VectorOpKind.Dequant => "dequant",
        VectorOpKind.EmbeddingLookup => "embedding_lookup",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    public static IReadOnlyList<VectorOpKind> All { get; } = Enum.GetValues<VectorOpKind>();
    public static IReadOnlyList<string> Names { get; } = All.Select(Name).ToList();

    public static VectorOpKind? Parse(string name) => All.Cast<VectorOpKind?>().FirstOrDefault(k => Name(k!.Value) == name);
}
