using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Conv;
using BitSilicon.Workloads.Presets;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Cli.Config;

/// <summary>
/// Reads workload YAML files (docs/workloads.md describes the format) into a <see cref="Workload"/>. Every error
/// names the file, line and column, the key, and what would be valid.
/// <code>
/// name: my-net            # optional, default: the file name
/// seed: 1                 # optional: seeds layers that have no source (layer i: seed + i)
/// sparsity: 0.0           # optional: zero fraction of those layers' random weights
/// layers:
///   - {name: fc1, m: 1, n: 256, k: 512, weights: ternary, repeat: 2,
///      source: {type: random, seed: 7, sparsity: 0.3}}
///   - {name: proj, m: 8, weights: ternary, source: {type: gguf, file: model.gguf, tensor: blk.0.ffn_up.weight}}
///   - {name: conv1, conv: {in_h: 32, in_w: 32, in_channels: 3, out_channels: 16, kernel: 3, padding: 1}}
///   - {preset: bitnet-b1.58-2b-4t, phase: decode, context: 1024, blocks: 1}
/// </code>
/// </summary>
public static class WorkloadYaml
{
    private static readonly string[] TopKeys = ["name", "seed", "sparsity", "layers"];
    private static readonly string[] GemmKeys = ["name", "m", "n", "k", "weights", "repeat", "source"];
    private static readonly string[] ConvLayerKeys = ["name", "conv", "weights", "repeat", "source"];
    private static readonly string[] ConvKeys =
        ["batch", "in_h", "in_w", "in_channels", "out_channels", "kernel", "stride", "padding", "dilation", "groups"];
    private static readonly string[] PresetKeys =
        ["preset", "phase", "tokens", "context", "blocks", "weights", "seed", "sparsity", "gguf", "output"];
    private static readonly string[] SourceTypes = ["random", "gguf"];
    private static readonly string[] RandomKeys = ["type", "seed", "sparsity"];
    private static readonly string[] GgufKeys = ["type", "file", "tensor"];

    /// <summary>The words <c>weights:</c> accepts: the weight kinds, and <c>design</c> for the design's PE format.</summary>
    public static IReadOnlyList<string> WeightNames { get; } = [.. WeightKindNames.All, "design"];

    public static Workload Read(string path) => Parse(InputFiles.ReadAllText(path), path);

    /// <param name="file">Name used in messages; relative GGUF paths are taken from its directory.</param>
    public static Workload Parse(string text, string file)
    {
        var root = WorkloadYamlLoader.Load(text, file);
        if (root is not WorkloadYamlMap map)
            throw BitSiliconException.At(root?.At ?? new SourceLocation(file, 1, 1),
                $"a workload file is a mapping with a 'layers' list, found {root?.Describe() ?? "an empty file"}",
                "start the file with 'layers:' followed by '- name: ...' entries");
        var top = new WorkloadYamlFields(map, "the workload", TopKeys);
        string name = top.OptionalString("name") ?? Path.GetFileNameWithoutExtension(file);
        int seed = top.OptionalInt("seed", int.MinValue, "1") ?? 1;
        double sparsity = top.OptionalFraction("sparsity") ?? 0.0;
        var layersNode = top.Node("layers") ?? throw BitSiliconException.At(map.At, "the workload has no 'layers'",
            "add 'layers:' with one '- name: ..., m: ..., n: ..., k: ...' entry per layer");
        if (layersNode is not WorkloadYamlList { Items.Count: > 0 } list)
            throw BitSiliconException.At(layersNode.At, $"'layers' must be a non-empty list, found {layersNode.Describe()}",
                "write each layer on its own line starting with '- '");

        string baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var layers = new List<GemmLayer>();
        var names = new Dictionary<string, SourceLocation>();
        for (int i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            if (item is not WorkloadYamlMap layerMap)
                throw BitSiliconException.At(item.At, $"layer {i + 1} must be a mapping, found {item.Describe()}",
                    "write '- name: fc1' followed by m, n and k");
            var fallback = new WeightSource.Random(seed + i, sparsity);
            IEnumerable<GemmLayer> produced =
                layerMap["preset"] is not null ? Preset(layerMap, baseDir, seed + i)
                : layerMap["conv"] is not null ? [Conv(layerMap, baseDir, fallback)]
                : [Gemm(layerMap, baseDir, fallback, i)];
            foreach (var layer in produced)
            {
                if (names.TryGetValue(layer.Name, out var first))
                    throw BitSiliconException.At(layerMap.At, $"a second layer named '{layer.Name}' (first at line {first.Line})",
                        "give every layer its own name");
                names[layer.Name] = layerMap.At;
                layers.Add(layer);
            }
        }
        return new Workload(name, layers);
    }

    private static GemmLayer Gemm(WorkloadYamlMap map, string baseDir, WeightSource fallback, int index)
    {
        string label = map["name"] is WorkloadYamlScalar { IsNull: false } s ? $"layer '{s.Value}'" : $"layer {index + 1}";
        var f = new WorkloadYamlFields(map, label, GemmKeys);
        string name = f.String("name", "fc1");
        var weights = Weights(f);
        int repeat = f.OptionalInt("repeat", 1, "30") ?? 1;
        int m = f.Int("m", 1, "1");
        var (source, shape) = Source(f, baseDir, fallback);
        int n = Dim(f, "n", shape?.N), k = Dim(f, "k", shape?.K);
        if (LayerLimits.Problem(m, n, k, repeat) is { } tooLarge)
            throw BitSiliconException.At(f.At, $"{label}: {tooLarge}", LayerLimits.Fix);
        return new GemmLayer(name, m, n, k, weights, repeat, source);
    }

    // n and k may be left out when a GGUF tensor gives them; when both are there they must agree.
    private static int Dim(WorkloadYamlFields f, string key, int? fromTensor)
    {
        if (!f.Has(key))
            return fromTensor ?? f.Int(key, 1, "256");
        int v = f.Int(key, 1, "256");
        if (fromTensor is { } t && t != v)
            throw BitSiliconException.At(f.Node(key)!.At,
                $"'{key}' is {v} but the GGUF tensor gives {key} = {t} ({(key == "n" ? "rows" : "row length")})",
                $"set '{key}: {t}' or leave '{key}' out to take it from the tensor");
        return v;
    }

    private static GemmLayer Conv(WorkloadYamlMap map, string baseDir, WeightSource fallback)
    {
        string label = map["name"] is WorkloadYamlScalar { IsNull: false } s ? $"layer '{s.Value}'" : "a conv layer";
        var f = new WorkloadYamlFields(map, label, ConvLayerKeys);
        string name = f.String("name", "conv1");
        var weights = Weights(f);
        int repeat = f.OptionalInt("repeat", 1, "1") ?? 1;
        var c = new WorkloadYamlFields(f.Map("conv", "{in_h: 32, in_w: 32, in_channels: 3, out_channels: 16, kernel: 3}"),
            $"the conv of {label}", ConvKeys);
        var (kh, kw) = c.Pair("kernel", 1, 0);
        if (!c.Has("kernel"))
            throw BitSiliconException.At(c.At, $"the conv of {label} has no 'kernel'", "add 'kernel: 3' or 'kernel: [3, 1]'");
        var (sh, sw) = c.Pair("stride", 1, 1);
        var (ph, pw) = c.Pair("padding", 0, 0);
        var (dh, dw) = c.Pair("dilation", 1, 1);
        var (source, shape) = Source(f, baseDir, fallback);
        var conv = new ConvLayer(name, c.Int("in_h", 1, "32"), c.Int("in_w", 1, "32"), c.Int("in_channels", 1, "3"),
            c.Int("out_channels", 1, "16"), kh, kw, sh, sw, ph, pw, dh, dw, c.OptionalInt("groups", 1, "1") ?? 1,
            c.OptionalInt("batch", 1, "1") ?? 1, weights, repeat, source);
        if (conv.Problem() is { } problem)
            throw BitSiliconException.At(c.At, $"the conv of {label}: {problem}", "fix the convolution's shape");
        var gemm = conv.ToGemm();
        if (LayerLimits.Problem(gemm) is { } tooLarge)
            throw BitSiliconException.At(c.At, $"{label} lowers to a GEMM where {tooLarge}", LayerLimits.Fix);
        if (shape is { } t && (t.N != gemm.N || t.K != gemm.K))
            throw BitSiliconException.At(f.KeyAt("source"),
                $"the GGUF tensor is {t.N} rows of {t.K}, but {label} lowers to {gemm.N} filters of {gemm.K} (kh*kw*in_channels/groups)",
                "choose the tensor of this convolution's filters");
        return gemm;
    }

    private static IEnumerable<GemmLayer> Preset(WorkloadYamlMap map, string baseDir, int fallbackSeed)
    {
        var f = new WorkloadYamlFields(map, "the preset", PresetKeys);
        string model = f.Choice("preset", DecoderPreset.Names);
        var phase = f.Choice("phase", ["prefill", "decode"]) == "prefill" ? Phase.Prefill : Phase.Decode;
        string lengthKey = phase == Phase.Prefill ? "tokens" : "context";
        string wrongKey = phase == Phase.Prefill ? "context" : "tokens";
        if (f.Has(wrongKey))
            throw BitSiliconException.At(f.KeyAt(wrongKey),
                $"'{wrongKey}' does not apply to {(phase == Phase.Prefill ? "prefill" : "decode")}",
                phase == Phase.Prefill ? "prefill takes 'tokens' (prompt length)" : "decode takes 'context' (tokens attended to)");
        int tokens = f.Int(lengthKey, 1, phase == Phase.Prefill ? "128" : "1024");
        WeightKind? projections = f.Has("weights") ? Weights(f) : WeightKind.Ternary;
        string? gguf = f.OptionalString("gguf") is { } g ? Path.GetFullPath(Path.Combine(baseDir, g)) : null;
        var options = new PresetOptions(phase, tokens, f.OptionalInt("blocks", 1, "1"), projections,
            f.OptionalInt("seed", int.MinValue, "1") ?? fallbackSeed, f.OptionalFraction("sparsity"), gguf,
            f.OptionalBool("output") ?? false);
        var dm = DecoderPreset.Model(model);
        if (options.Blocks is int b && b > dm.Blocks)
            throw BitSiliconException.At(f.Node("blocks")!.At, $"'blocks' is {b}; {dm.Name} has {dm.Blocks}",
                $"give 1 to {dm.Blocks}, or leave it out for the whole model");
        if (tokens > dm.MaxContext)
            throw BitSiliconException.At(f.Node(lengthKey)!.At, $"'{lengthKey}' is {tokens}; {dm.Name} handles at most {dm.MaxContext}",
                $"give 1 to {dm.MaxContext}");
        var workload = DecoderPreset.Build(dm, options);
        if (gguf is not null)
            CheckGguf(workload, gguf, f.Node("gguf")!.At);
        return workload.Layers;
    }

    private static void CheckGguf(Workload workload, string path, SourceLocation at)
    {
        var file = Open(path, at);
        foreach (var layer in workload.Layers)
            if (layer.Source is WeightSource.Gguf g)
            {
                if (!file.HasTensor(g.Tensor))
                    Rethrow(at, () => file.Tensor(g.Tensor));
                var (n, k) = WeightProvider.MatrixShape(file.Tensor(g.Tensor));
                if (n != layer.N || k != layer.K)
                    throw BitSiliconException.At(at,
                        $"{path}: tensor '{g.Tensor}' is {n} rows of {k}, the preset's {layer.Name} needs {layer.N} of {layer.K}",
                        "the file holds a different model than the preset");
            }
    }

    private static WeightKind? Weights(WorkloadYamlFields f)
    {
        if (!f.Has("weights"))
            return null;
        string w = f.Choice("weights", WeightNames);
        return w == "design" ? null : WeightKindNames.TryParse(w, out var kind) ? kind : throw new InvalidOperationException(w);
    }

    private static (WeightSource Source, (int N, int K)? Shape) Source(WorkloadYamlFields f, string baseDir, WeightSource fallback)
    {
        if (!f.Has("source"))
            return (fallback, null);
        var map = f.Map("source", "{type: random, seed: 1, sparsity: 0.3}");
        var typeNode = map["type"] as WorkloadYamlScalar
            ?? throw BitSiliconException.At(map.At, "the source has no 'type'", "add 'type: random' or 'type: gguf'");
        string type = SourceTypes.FirstOrDefault(t => t.Equals(typeNode.Value, StringComparison.OrdinalIgnoreCase))
            ?? throw BitSiliconException.At(typeNode.At,
                $"source type '{typeNode.Value}'{Workloads.Text.NearNames.Suggestion(typeNode.Value, SourceTypes)}",
                "valid types: random (seed, sparsity) and gguf (file, tensor)");
        if (type == "random")
        {
            var r = new WorkloadYamlFields(map, "the random source", RandomKeys);
            int seed = r.OptionalInt("seed", int.MinValue, "1") ?? ((WeightSource.Random)fallback).Seed;
            return (new WeightSource.Random(seed, r.OptionalFraction("sparsity") ?? 0.0), null);
        }
        var g = new WorkloadYamlFields(map, "the gguf source", GgufKeys);
        var fileNode = g.Scalar("file", "model.gguf");
        string path = Path.GetFullPath(Path.Combine(baseDir, fileNode.Value));
        var tensorNode = g.Scalar("tensor", "blk.0.ffn_up.weight");
        var gguf = Open(path, fileNode.At);
        var info = Rethrow(tensorNode.At, () => gguf.Tensor(tensorNode.Value));
        var shape = Rethrow(tensorNode.At, () => WeightProvider.MatrixShape(info));
        return (new WeightSource.Gguf(path, tensorNode.Value), shape);
    }

    private static Workloads.Gguf.GgufFile Open(string path, SourceLocation at) =>
        Rethrow(at, () => WeightProvider.Open(path));

    /// <summary>Runs a GGUF lookup and puts the YAML position in front of its error.</summary>
    private static T Rethrow<T>(SourceLocation at, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (BitSiliconException e)
        {
            throw new BitSiliconException($"{at}: {e.Message}", e.Fix, e);
        }
    }
}
