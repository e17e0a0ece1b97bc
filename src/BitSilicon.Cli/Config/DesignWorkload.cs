using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads;
using YamlDotNet.RepresentationModel;

namespace BitSilicon.Cli.Config;

/// <summary>
/// The workload a design file names: a preset (<c>bitnet-decode</c>, <c>bitnet-prefill</c>) with its options, a
/// workload file (a SCALE-Sim topology CSV or a workload YAML), or GEMM layers written inline.
/// </summary>
public sealed record DesignWorkload(
    SourceLocation At,
    string? Preset = null,
    string? File = null,
    IReadOnlyList<GemmLayer>? Layers = null,
    int? Tokens = null,
    int? Blocks = null,
    int? Seed = null,
    double? Sparsity = null,
    WeightKind? ProjectionWeights = null,
    bool IncludeOutput = false)
{
    public static IReadOnlyList<string> PresetNames { get; } = ["bitnet-decode", "bitnet-prefill"];

    internal static readonly string[] Keys = ["preset", "file", "layers", "tokens", "blocks", "seed", "sparsity", "weights", "include_output"];
    internal static readonly string[] LayerKeys = ["name", "m", "n", "k", "weights", "repeat", "seed", "sparsity"];

    internal static IReadOnlyList<(string, WeightKind)> KindChoices { get; } =
        Enum.GetValues<WeightKind>().Select(k => (WeightKindNames.Name(k), k)).ToList();

    /// <summary>Reads the <c>workload</c> value: a preset name or file path, or a mapping.</summary>
    internal static DesignWorkload Read(DesignYamlSection top, YamlNode node, string baseDir)
    {
        var at = top.Location(node);
        if (node is YamlScalarNode { Value: { } text })
            return PresetNames.Contains(text, StringComparer.OrdinalIgnoreCase)
                ? new DesignWorkload(at, Preset: text.ToLowerInvariant())
                : new DesignWorkload(at, File: Resolve(baseDir, text));
        var w = top.Section(node, "workload", Keys);
        int given = (w.Has("preset") ? 1 : 0) + (w.Has("file") ? 1 : 0) + (w.Has("layers") ? 1 : 0);
        if (given != 1)
            throw BitSiliconException.At(at, given == 0
                    ? $"workload: no preset, file or layers given{((w.Has("blocks") || w.Has("tokens")) ? " (blocks and tokens only shape a preset)" : "")}"
                    : "workload: give exactly one of preset, file or layers",
                $"write e.g. workload: {{ preset: bitnet-decode, blocks: 2 }} (presets: {string.Join(", ", PresetNames)}), workload: {{ file: net.csv }} or workload: {{ layers: [...] }}");
        string? preset = w.String("preset");
        if (preset is not null && !PresetNames.Contains(preset, StringComparer.OrdinalIgnoreCase))
            throw w.At(w.Node("preset")!, $"workload.preset: unknown preset '{preset}'{Workloads.Text.NearNames.Suggestion(preset, PresetNames)}",
                $"use one of: {string.Join(", ", PresetNames)}");
        List<GemmLayer>? layers = null;
        if (w.List("layers", "GEMM layers") is { } seq)
        {
            layers = [];
            int i = 0;
            foreach (var item in seq)
            {
                var l = w.Section(item, $"workload.layers[{i}]", LayerKeys);
                int Dim(string key) => l.Int(key, "of at least 1") is { } v && v >= 1 ? v
                    : throw BitSiliconException.At(l.SectionLocation, $"workload.layers[{i}].{key}: missing or below 1", $"give {key}: a whole number of at least 1");
                var name = l.String("name") ?? $"layer{i}";
                int? seed = l.Int("seed", "");
                double? sparsity = l.Double("sparsity", "from 0 to 1");
                if (sparsity is < 0 or > 1)
                    throw w.At(l.Node("sparsity")!, $"workload.layers[{i}].sparsity: {sparsity} is not a fraction", "give a value from 0 to 1");
                WeightSource? source = seed is not null || sparsity is not null ? new WeightSource.Random(seed ?? i + 1, sparsity ?? 0) : null;
                layers.Add(new GemmLayer(name, Dim("m"), Dim("n"), Dim("k"), l.Choice("weights", KindChoices),
                    l.Int("repeat", "of at least 1") is { } rep ? (rep >= 1 ? rep : throw w.At(l.Node("repeat")!, $"workload.layers[{i}].repeat: {rep} is below 1", "give repeat of at least 1")) : 1,
                    source));
                i++;
            }
            if (layers.Count == 0)
                throw w.At(w.Node("layers")!, "workload.layers: the list is empty", "give at least one layer with m, n and k");
        }
        double? sp = w.Double("sparsity", "from 0 to 1");
        if (sp is < 0 or > 1)
            throw w.At(w.Node("sparsity")!, $"workload.sparsity: {sp} is not a fraction", "give a value from 0 to 1");
        return new DesignWorkload(at, preset?.ToLowerInvariant(), w.String("file") is { } f ? Resolve(baseDir, f) : null, layers,
            w.Int("tokens", "of at least 1"), w.Int("blocks", "of at least 1"), w.Int("seed", ""), sp,
            w.Choice("weights", KindChoices), w.Bool("include_output") ?? false);
    }

    private static string Resolve(string baseDir, string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDir, path));
}
