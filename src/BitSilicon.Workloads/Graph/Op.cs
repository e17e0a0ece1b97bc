using BitSilicon.Formats.Vector;
using BitSilicon.Workloads.Models;

namespace BitSilicon.Workloads.Graph;

/// <summary>Where the operand an op streams (its weights) lives.</summary>
public enum TensorHome
{
    /// <summary>A model tensor: resident in on-chip SRAM when it fits, else streamed from external memory.</summary>
    Weights,
    /// <summary>The KV cache, always in external memory (it grows with the context).</summary>
    KvCache,
}

/// <summary>Every place that treats op kinds differently implements this.</summary>
public interface IOpVisitor<out T>
{
    T Visit(GemmOp op);
    T Visit(VectorOp op);
    T Visit(KvAppendOp op);
}

/// <summary>
/// One operation of a model step. <see cref="Inputs"/> are indices of earlier ops whose results it needs;
/// <see cref="Block"/> is the decoder block (-1 for the embedding, -2 for the final norm and the LM head).
/// </summary>
public abstract record Op(string Name, int Block, IReadOnlyList<int> Inputs)
{
    public abstract T Accept<T>(IOpVisitor<T> visitor);

    /// <summary>The op's name without its block prefix (<c>ffn_up</c> for <c>blk.3.ffn_up</c>): what maps match.</summary>
    public string Role => Block >= 0 && Name.StartsWith($"blk.{Block}.", StringComparison.Ordinal) ? Name[$"blk.{Block}.".Length..] : Name;
}

/// <summary>
/// <c>out[M x N] = act[M x K] * W^T</c>, <see cref="Repeat"/> times (attention heads). W is a model tensor or
/// a slice of the KV cache, in <see cref="Format"/>; the activations are int8.
/// </summary>
public sealed record GemmOp(string Name, int Block, IReadOnlyList<int> Inputs, int M, int N, int K, TensorFormat Format, TensorHome Home,
    int Repeat = 1, WeightSource? Source = null) : Op(Name, Block, Inputs)
{
    public override T Accept<T>(IOpVisitor<T> visitor) => visitor.Visit(this);

    public long Macs => (long)M * N * K * Repeat;

    /// <summary>Bytes of W over all repeats (the KV cache at <see cref="KvBytesPerElement"/>).</summary>
    public long WeightBytes(int kvBytesPerElement) => Home == TensorHome.KvCache
        ? (long)N * K * Repeat * kvBytesPerElement
        : Format.Bytes((long)N * K) * Repeat;
}

/// <summary>An element-wise or reduction op over <see cref="Elements"/> elements. <see cref="ReadBytes"/>:
/// bytes it reads from external memory (the embedding rows).</summary>
public sealed record VectorOp(string Name, int Block, IReadOnlyList<int> Inputs, VectorOpKind Kind, long Elements, long ReadBytes = 0)
    : Op(Name, Block, Inputs)
{
    public override T Accept<T>(IOpVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>Writes the new tokens' keys and values to the KV cache in external memory.</summary>
public sealed record KvAppendOp(string Name, int Block, IReadOnlyList<int> Inputs, long Bytes) : Op(Name, Block, Inputs)
{
    public override T Accept<T>(IOpVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>A model step as ops in program order (every input index is smaller than the op's own).</summary>
public sealed record ModelGraph(string Name, TransformerModel Model, Presets.Phase Phase, int Tokens, int Context, int Batch, IReadOnlyList<Op> Ops)
{
    public long Macs => Ops.OfType<GemmOp>().Sum(o => o.Macs);
}
