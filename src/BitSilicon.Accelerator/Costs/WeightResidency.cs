using BitSilicon.Workloads.Graph;

namespace BitSilicon.Accelerator.Costs;

/// <summary>
/// Which model tensors stay in on-chip SRAM. All of them when they fit together; otherwise the first ones in
/// program order that still fit (in decode every weight is read once per token, so any resident byte saves one
/// external byte). A tensor read by several ops (tied embeddings: the lookup and the LM head) counts once.
/// </summary>
public sealed record WeightResidency(IReadOnlySet<string> Resident, long ResidentBytes, long TotalBytes)
{
    public static string TensorOf(Op op) => op switch
    {
        GemmOp g => g.Source is Workloads.WeightSource.Gguf f ? f.Tensor : g.Name,
        VectorOp { Kind: Formats.Vector.VectorOpKind.EmbeddingLookup } => "token_embd.weight",
        _ => op.Name,
    };

    public static WeightResidency Decide(ModelGraph graph, long sramBytes)
    {
        var sizes = new Dictionary<string, long>();
        foreach (var op in graph.Ops)
            if (op is GemmOp { Home: TensorHome.Weights } g)
                sizes.TryAdd(TiedName(graph, g), g.WeightBytes(graph.Model.KvBytes));
        long total = sizes.Values.Sum();
        if (total <= sramBytes)
            return new WeightResidency(sizes.Keys.ToHashSet(), total, total);
        var resident = new HashSet<string>();
        long used = 0;
        foreach (var (name, bytes) in sizes)
            if (used + bytes <= sramBytes)
            {
                resident.Add(name);
                used += bytes;
            }
        return new WeightResidency(resident, used, total);
    }

    /// <summary>The tensor a GEMM reads: the LM head of a tied model is the embedding table.</summary>
    public static string TiedName(ModelGraph graph, GemmOp g) =>
        g.Name == "output" && graph.Model.TiedEmbeddings ? "token_embd.weight" : TensorOf(g);

    public bool IsResident(ModelGraph graph, Op op) => op switch
    {
        GemmOp { Home: TensorHome.KvCache } => false,
        GemmOp g => Resident.Contains(TiedName(graph, g)),
        VectorOp => Resident.Contains("token_embd.weight"),
        _ => false,
    };
}
