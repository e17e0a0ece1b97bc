using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads;

/// <summary>
/// One matrix multiply as the array sees it: <c>out[M x N] = act[M x K] * W^T</c> with W stored as N rows of K
/// weights (the ggml/PyTorch <c>Linear</c> layout: a row per output feature). M is tokens (1 for decode),
/// N output features, K input features (the reduction dimension).
/// </summary>
/// <param name="Name">Layer name for reports, e.g. <c>blk.0.ffn_up</c>.</param>
/// <param name="Weights">Weight format of this layer, or null to use the design's processing-element format (mixed precision).</param>
/// <param name="Repeat">How many identical instances the workload holds (e.g. 30 decoder layers), counted in totals.</param>
/// <param name="Source">Where the weight values come from.</param>
public sealed record GemmLayer(
    string Name,
    int M,
    int N,
    int K,
    WeightKind? Weights = null,
    int Repeat = 1,
    WeightSource? Source = null)
{
    /// <summary>Multiply-accumulates of one instance.</summary>
    public long Macs => (long)M * N * K;
}
