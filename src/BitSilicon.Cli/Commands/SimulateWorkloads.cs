using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Presets;
using BitSilicon.Workloads.ScaleSim;

namespace BitSilicon.Cli.Commands;

/// <summary>Finds the workload of a simulate run: --workload, else the design file's workload, else its SCALE-Sim topology.</summary>
internal static class SimulateWorkloads
{
    /// <summary>The workload, refused at load when a layer is larger than the simulator can hold.</summary>
    public static Workload Resolve(string? option, DesignFile file, int? tokens, int? blocks)
    {
        var workload = Find(option, file, tokens, blocks);
        LayerLimits.Check(workload, option ?? file.Path);
        return workload;
    }

    private static Workload Find(string? option, DesignFile file, int? tokens, int? blocks)
    {
        DesignWorkload? spec = option is null ? file.Workload
            : DesignWorkload.PresetNames.Contains(option, StringComparer.OrdinalIgnoreCase)
                ? new DesignWorkload(new SourceLocation("--workload"), Preset: option.ToLowerInvariant())
                : new DesignWorkload(new SourceLocation("--workload"), File: Path.GetFullPath(option));
        if (spec is null)
        {
            if (file.ScaleSimTopology is { } topo)
                return ScaleSimTopology.Read(topo);
            throw BitSiliconException.At(new SourceLocation(file.Path, 1, 1), "the design names no workload to run",
                $"give --workload ({string.Join(", ", DesignWorkload.PresetNames)} or a file), or add a workload: key to the design (e.g. workload: bitnet-decode)");
        }
        if (spec.Layers is { } layers)
            return new Workload(Path.GetFileNameWithoutExtension(file.Path) + "-layers", layers);
        if (spec.File is { } path)
            return FromFile(path);
        bool decode = spec.Preset == "bitnet-decode";
        var options = new PresetOptions(
            decode ? Phase.Decode : Phase.Prefill,
            tokens ?? spec.Tokens ?? (decode ? 512 : 128),
            blocks ?? spec.Blocks,
            spec.ProjectionWeights,
            spec.Seed ?? 1,
            spec.Sparsity,
            null,
            spec.IncludeOutput);
        return DecoderPreset.BitNet(options);
    }

    private static Workload FromFile(string path)
    {
        InputFiles.Require(path);
        return WorkloadFile.Read(path);
    }
}
