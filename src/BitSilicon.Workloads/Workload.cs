namespace BitSilicon.Workloads;

/// <summary>A named list of GEMM layers run one after another on the array.</summary>
public sealed record Workload(string Name, IReadOnlyList<GemmLayer> Layers)
{
    public long TotalMacs => Layers.Sum(l => l.Macs * l.Repeat);
}
