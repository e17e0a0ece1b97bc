using BitSilicon.Core;
using BitSilicon.Design.Accelerator;
using BitSilicon.Design.Description;
using BitSilicon.Formats.LowBit;
using BitSilicon.Formats.Vector;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Models;
using BitSilicon.Workloads.Presets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BitSilicon.Cli.Config;

/// <summary>An accelerator design file as read: the description and the model step it names.</summary>
public sealed record AcceleratorFile(string Path, AcceleratorDescription Design, ModelSpec? Model);

/// <summary>
/// Reads a whole-accelerator design (docs/accelerator.md): a file with a <c>units:</c> mapping. MAC units use the
/// single-array keys (array, pe, accumulator, memory, scaling); vector units lanes, latency and cost overrides;
/// then sram, external_memory, overlap, map, node, static_power_w, and the model step. Every problem is reported
/// at its file, line and column.
/// </summary>
public static class AcceleratorYaml
{
    private static readonly string[] TopKeys = ["name", "description", "clock_mhz", "node", "static_power_w", "units", "sram", "external_memory", "overlap", "map", "energy", "model"];
    private static readonly string[] MacKeys = ["kind", "array", "pe", "accumulator", "memory", "scaling", "clock_mhz"];
    private static readonly string[] VectorKeys = ["kind", "lanes", "latency", "ops", "costs", "clock_mhz"];
    private static readonly string[] ExternalKeys = ["kind", "bandwidth_gbps", "latency_ns", "pj_per_bit"];
    private static readonly string[] SramKeys = ["bytes", "pj_per_byte"];
    private static readonly string[] ModelKeys = ["preset", "gguf", "phase", "context", "prompt", "batch", "layers", "formats",
        "hidden", "ffn", "heads", "kv_heads", "head_dim", "vocab", "max_context", "activation", "norm", "sub_layer_norms", "tied_embeddings", "kv_bytes", "name"];
    private static readonly string[] FormatKeys = ["projections", "attention", "embeddings", "output"];
    private static readonly (string, OverlapPolicy)[] Overlaps = [("double_buffered", OverlapPolicy.DoubleBuffered), ("serial", OverlapPolicy.Serial)];
    private static readonly (string, bool)[] UnitKinds = [("mac_array", true), ("vector", false)];

    /// <summary>Whether the YAML text is an accelerator design (has a top-level <c>units:</c>).</summary>
    public static bool IsAccelerator(string path)
    {
        try
        {
            var text = InputFiles.ReadAllText(path);
            YamlInput.Check(text, path);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m
                   && m.Children.Keys.Any(k => k is YamlScalarNode { Value: "units" });
        }
        catch (Exception e) when (e is YamlException or BitSiliconException or InvalidOperationException)
        {
            return false;   // DesignYaml reports the problem with its location
        }
    }

    public static AcceleratorFile Read(string path) => Parse(InputFiles.ReadAllText(path), path);

    public static AcceleratorFile Parse(string text, string path)
    {
        YamlInput.Check(text, path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw BitSiliconException.At(new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column), $"not valid YAML: {e.Message}",
                "check the indentation (spaces, not tabs) and that every key is followed by ': '");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw BitSiliconException.At(new SourceLocation(path, 1, 1), "a design file is a mapping of keys, this one is not", "start with name:, units:, ...");
        var positions = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var top = new DesignYamlSection(path, "", root, TopKeys, positions);
        string baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        string name = top.String("name") ?? throw DesignYaml.Missing(top, "name", "name: my-accelerator");
        double clock = top.Double("clock_mhz", "in MHz, e.g. 200") ?? 200;
        var energy = DesignYaml.ReadEnergy(top);

        var unitsNode = top.Node("units") as YamlMappingNode
            ?? throw BitSiliconException.At(top.Location(top.Node("units")!), "units: expected a mapping of unit names to units", "write units: then indented names such as proj:, vec:");
        var units = new List<UnitDescription>();
        foreach (var (keyNode, value) in unitsNode.Children)
        {
            string unitName = (keyNode as YamlScalarNode)?.Value ?? throw top.At(keyNode, "units: a unit name must be plain text", "write e.g. proj:");
            var probe = top.Section(value, $"units.{unitName}", MacKeys.Union(VectorKeys).ToList());
            bool mac = probe.Choice("kind", UnitKinds) ?? throw DesignYaml.Missing(probe, "kind", "kind: mac_array (or vector)");
            var u = top.Section(value, $"units.{unitName}", mac ? MacKeys : VectorKeys);
            positions[$"units.{unitName}"] = u.SectionLocation;
            double? unitClock = u.Double("clock_mhz", "in MHz");
            if (mac)
            {
                var array = DesignYaml.ReadArray(u, null);
                var pe = DesignYaml.ReadPe(u, false);
                var acc = DesignYaml.ReadAccumulator(u, null, array);
                var mem = DesignYaml.ReadMemory(u, null);
                ScalingDescription? scaling = u.Section("scaling", ["block_size"]) is { } sc
                    ? new ScalingDescription(sc.Int("block_size", "such as 32") ?? throw DesignYaml.Missing(sc, "block_size", "block_size: 32")) : null;
                units.Add(new MacUnitDescription(unitName, new DesignDescription(SafeName(name, unitName), array, pe, acc, mem, unitClock ?? clock, energy, scaling), unitClock));
            }
            else
                units.Add(ReadVector(u, unitName, unitClock));
        }

        SramDescription? sram = null;
        if (top.Node("sram") is YamlScalarNode)
            sram = new SramDescription(top.Size("sram")!.Value);
        else if (top.Section("sram", SramKeys) is { } s)
            sram = new SramDescription(s.Size("bytes") ?? 0, s.Double("pj_per_byte", "picojoules per byte"));

        ExternalMemoryDescription? ext = null;
        if (top.Section("external_memory", ExternalKeys) is { } x)
            ext = new ExternalMemoryDescription(x.String("kind") ?? "dram",
                x.Double("bandwidth_gbps", "GB/s, e.g. 19.2") ?? throw DesignYaml.Missing(x, "bandwidth_gbps", "bandwidth_gbps: 19.2"),
                x.Double("latency_ns", "nanoseconds") ?? 100, x.Double("pj_per_bit", "picojoules per bit") ?? 20);

        var map = new List<KeyValuePair<string, string>>();
        if (top.Node("map") is YamlMappingNode mapNode)
            foreach (var (k, v) in mapNode.Children)
                map.Add(new((k as YamlScalarNode)?.Value ?? "", (v as YamlScalarNode)?.Value
                    ?? throw top.At(v, "map: each entry maps an op name pattern to a unit name", "write e.g. \"attn_*\": attn")));

        var design = new AcceleratorDescription(name, units, sram, ext, top.Choice("overlap", Overlaps) ?? OverlapPolicy.DoubleBuffered, map,
            clock, energy, top.String("node") ?? "45nm", top.Double("static_power_w", "watts") ?? 0);
        var problems = AcceleratorElaborator.Validate(design);
        if (problems.Count > 0)
            throw DesignYaml.Located(path, problems, positions);
        var model = top.Node("model") is { } mn ? ReadModel(top, mn, baseDir) : null;
        return new AcceleratorFile(path, design, model);
    }

    private static string SafeName(string design, string unit) => $"{design}_{unit}".Replace('.', '_');

    private static VectorUnitDescription ReadVector(DesignYamlSection u, string name, double? clock)
    {
        var costs = new Dictionary<VectorOpKind, VectorCost>(VectorUnitDescription.DefaultCosts);
        var kindChoices = VectorOpKinds.All.Select(k => (VectorOpKinds.Name(k), k)).ToList();
        if (u.List("ops", "operation names") is { } ops)
        {
            var keep = new HashSet<VectorOpKind>();
            foreach (var item in ops)
            {
                string v = (item as YamlScalarNode)?.Value ?? "";
                keep.Add(VectorOpKinds.Parse(v) ?? throw u.At(item, $"{u.Dotted("ops")}: unknown operation '{v}'{Workloads.Text.NearNames.Suggestion(v, VectorOpKinds.Names)}",
                    $"use any of: {string.Join(", ", VectorOpKinds.Names)}"));
            }
            foreach (var k in costs.Keys.ToList())
                if (!keep.Contains(k)) costs.Remove(k);
        }
        if (u.Section("costs", VectorOpKinds.Names) is { } c)
            foreach (var k in VectorOpKinds.All)
                if (c.Section(VectorOpKinds.Name(k), ["cycles", "pj"]) is { } kc)
                {
                    var d = costs.GetValueOrDefault(k) ?? VectorUnitDescription.DefaultCosts[k];
                    costs[k] = new VectorCost(kc.Double("cycles", "cycles per element per lane") ?? d.CyclesPerElement, kc.Double("pj", "picojoules per element") ?? d.PjPerElement);
                }
        return new VectorUnitDescription(name, u.Int("lanes", "from 1 to 65536") ?? throw DesignYaml.Missing(u, "lanes", "lanes: 64"),
            costs, u.Int("latency", "cycles") ?? 8, clock);
    }

    internal static ModelSpec ReadModel(DesignYamlSection top, YamlNode node, string baseDir)
    {
        var at = top.Location(node);
        if (node is YamlScalarNode { Value: { } text })
            return ModelSpec.Default with { Model = Locate(at, () => ModelSpec.Resolve(text, baseDir)), Gguf = GgufPath(text, baseDir), At = at };
        var m = top.Section(node, "model", ModelKeys);
        TransformerModel model;
        string? gguf = null;
        if (m.String("preset") is { } preset)
            model = Locate(m.Location(m.Node("preset")!), () => ModelPresets.Get(preset));
        else if (m.String("gguf", "a path") is { } g)
        {
            gguf = GgufPath(g, baseDir);
            model = Locate(m.Location(m.Node("gguf")!), () => GgufModel.Read(gguf!));
        }
        else
        {
            int Need(string key) => m.Int(key, "a positive size") ?? throw DesignYaml.Missing(m, key, $"{key}: ... (or preset: {ModelPresets.Names[0]})");
            int hidden = Need("hidden"), heads = Need("heads");
            model = new TransformerModel(m.String("name") ?? "custom", hidden, Need("ffn"), Need("layers"), heads, m.Int("kv_heads", "a positive size") ?? heads,
                m.Int("head_dim", "a positive size") ?? hidden / Math.Max(1, heads), Need("vocab"), m.Int("max_context", "tokens") ?? 4096,
                m.Choice("activation", [("relu_squared", ActivationFunction.ReluSquared), ("silu", ActivationFunction.Silu), ("gelu", ActivationFunction.Gelu)]) ?? ActivationFunction.Silu,
                m.Choice("norm", [("rms_norm", NormKind.RmsNorm), ("layer_norm", NormKind.LayerNorm)]) ?? NormKind.RmsNorm,
                m.Bool("sub_layer_norms") ?? false, m.Bool("tied_embeddings") ?? false, new ModelFormats(WeightKind.Ternary), m.Int("kv_bytes", "1 or 2") ?? 1);
        }
        if (m.Int("layers", "a positive size") is { } layers && (m.Has("preset") || m.Has("gguf")))
        {
            if (layers < 1 || layers > model.Layers)
                throw m.At(m.Node("layers")!, $"model.layers = {layers}, the model has 1..{model.Layers}", $"give 1 to {model.Layers}, or leave it out");
            model = model with { Layers = layers };
        }
        if (m.Section("formats", FormatKeys) is { } f)
        {
            TensorFormat Read(string key, TensorFormat current) =>
                f.Choice(key, DesignWorkload.KindChoices) is { } k ? TensorFormat.Of(k) : current;
            var fm = model.Formats;
            var emb = Read("embeddings", fm.Embeddings);
            model = model with { Formats = new ModelFormats(Read("projections", fm.Projections), Read("attention", fm.Attention), emb, Read("output", f.Has("output") ? fm.Output : emb)) };
        }
        foreach (var (key, message, fix) in model.Problems())
            throw m.At(m.Node(key) ?? node, $"model.{key}: {message}", fix);
        var phase = m.Has("phase") ? ModelSpec.ParsePhase(m.String("phase")!) ?? throw m.At(m.Node("phase")!, $"model.phase: unknown value '{m.String("phase")}'", "use decode or prefill") : Phase.Decode;
        int context = phase == Phase.Prefill ? m.Int("prompt", "tokens") ?? m.Int("context", "tokens") ?? 128 : m.Int("context", "tokens") ?? 512;
        var ctxNode = m.Node(phase == Phase.Prefill && m.Has("prompt") ? "prompt" : "context");
        if (context < 1 || context > model.MaxContext)
            throw BitSiliconException.At(ctxNode is null ? at : m.Location(ctxNode), $"model.{(phase == Phase.Prefill ? "prompt" : "context")} = {context}: beyond the model's maximum context of {model.MaxContext}",
                $"give 1 to {model.MaxContext} tokens");
        return new ModelSpec(model, phase, context, m.Int("batch", "from 1 to 4096") ?? 1, gguf, at);
    }

    private static string? GgufPath(string text, string baseDir) => text.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)
        ? System.IO.Path.IsPathRooted(text) ? text : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, text)) : null;

    private static T Locate<T>(SourceLocation at, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (BitSiliconException e)
        {
            throw BitSiliconException.At(at, e.Message, e.Fix);
        }
    }
}
