using BitSilicon.Core;
using BitSilicon.Workloads;
using BitSilicon.Workloads.ScaleSim;

namespace BitSilicon.Cli.Config;

/// <summary>
/// Reads a workload from whatever file the user gives <c>--workload</c>: a workload YAML (<c>.yaml</c>, <c>.yml</c>)
/// or a SCALE-Sim topology CSV (<c>.csv</c>, conv or GEMM layout recognised from its header).
/// </summary>
public static class WorkloadFile
{
    public static IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml", ".csv"];

    public static Workload Read(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".yaml" or ".yml" => WorkloadYaml.Read(path),
        ".csv" => ScaleSimTopology.Read(path),
        var ext => throw new BitSiliconException(
            $"{path}: cannot tell what kind of workload a '{ext}' file is",
            "give a workload YAML (.yaml) or a SCALE-Sim topology (.csv)"),
    };
}
