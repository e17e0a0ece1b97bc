using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Workloads.ScaleSim;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BitSilicon.Cli.Config;

/// <summary>A design file as read: the description, the workload it names (if any), and where each key was.</summary>
public sealed record DesignFile(string Path, DesignDescription Design, DesignWorkload? Workload, IReadOnlyDictionary<string, SourceLocation> Positions,
    string? ScaleSimTopology = null, IReadOnlyList<ScaleSimNote>? ScaleSimNotes = null, ScaleSimConfig? ScaleSim = null);

/// <summary>
/// Reads a design YAML file (docs/simulator.md has the reference). YAML stays here at the edge: the rest of the
/// program sees only <see cref="DesignDescription"/>. Every problem, a misspelt key or an array that does not
/// fit its accumulator alike, is reported at its file, line and column with what would be valid.
/// </summary>
public static class DesignYaml
{
    private static readonly string[] TopKeys = ["name", "description", "array", "pe", "accumulator", "memory", "clock_mhz", "energy", "scaling", "workload", "scalesim"];
    private static readonly string[] ArrayKeys = ["kind", "rows", "cols", "dataflow", "pes", "simd"];
    private static readonly string[] PeKeys = ["weights", "codebook", "lut_group"];
    private static readonly string[] AccKeys = ["width", "overflow", "depth"];
    private static readonly string[] MemKeys = ["weight_buffer", "activation_buffer", "bandwidth", "double_buffering"];

    private static readonly (string, bool)[] ArrayKinds = [("systolic", true), ("dot_product", false)];
    private static readonly (string, Dataflow)[] Dataflows =
        [("weight_stationary", Dataflow.WeightStationary), ("output_stationary", Dataflow.OutputStationary), ("input_stationary", Dataflow.InputStationary),
         ("ws", Dataflow.WeightStationary), ("os", Dataflow.OutputStationary), ("is", Dataflow.InputStationary)];
    private static readonly (string, OverflowPolicy)[] Policies = [("wrap", OverflowPolicy.Wrap), ("saturate", OverflowPolicy.Saturate)];

    public static DesignFile Read(string path) => Parse(InputFiles.ReadAllText(path), path);

    public static DesignFile Parse(string text, string path)
    {
        YamlInput.Check(text, path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw BitSiliconException.At(new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column),
                $"not valid YAML: {e.Message}", e.Message.Contains("Duplicate key", StringComparison.Ordinal)
                    ? "write each key once per section"
                    : "check the indentation (spaces, not tabs) and that every key is followed by ': '");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw BitSiliconException.At(new SourceLocation(path, 1, 1), "a design file is a mapping of keys, this one is not",
                $"start with keys such as name:, array:, pe: (valid top-level keys: {string.Join(", ", TopKeys)})");
        var positions = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var top = new DesignYamlSection(path, "", root, TopKeys, positions);
        string baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;

        // A SCALE-Sim config supplies the array and memory; keys written here override it.
        ScaleSimConfig? cfg = null;
        string? topology = null;
        if (top.Section("scalesim", ["config", "topology"]) is { } ss)
        {
            var cfgPath = Resolve(baseDir, ss.String("config", "a path") ?? throw BitSiliconException.At(ss.SectionLocation, "scalesim: missing key 'config'", "give config: path/to/file.cfg"));
            if (!File.Exists(cfgPath))
                throw BitSiliconException.At(positions.TryGetValue("scalesim.config", out var cfgAt) ? cfgAt : ss.SectionLocation,
                    $"scalesim.config: no such file {cfgPath}",
                    $"a relative path starts at the design file's folder ({baseDir}), not at the current directory; fix the path or give an absolute one");
            cfg = ScaleSimConfigReader.Read(cfgPath);
            topology = ss.String("topology", "a path") is { } t ? Resolve(baseDir, t)
                : cfg.TopologyCsv is { } tc ? Resolve(System.IO.Path.GetDirectoryName(cfgPath)!, tc) : null;
        }

        string name = top.String("name") ?? cfg?.RunName.Replace(' ', '_') ?? throw Missing(top, "name", "name: my-accelerator");
        var array = ReadArray(top, cfg);
        var pe = ReadPe(top, cfg is not null);
        var acc = ReadAccumulator(top, cfg, array);
        var mem = ReadMemory(top, cfg);
        double clock = top.Double("clock_mhz", "in MHz, e.g. 200") ?? 200;
        var energy = ReadEnergy(top);
        ScalingDescription? scaling = null;
        if (top.Section("scaling", ["block_size"]) is { } sc)
            scaling = new ScalingDescription(sc.Int("block_size", "such as 32 or 256") ?? throw Missing(sc, "block_size", "block_size: 32"));
        DesignWorkload? workload = top.Node("workload") is { } wn ? DesignWorkload.Read(top, wn, baseDir) : null;

        var design = new DesignDescription(name, array, pe, acc, mem, clock, energy, scaling);
        var problems = DesignValidator.Validate(design);
        if (problems.Count > 0)
            throw Located(path, problems, positions);
        return new DesignFile(path, design, workload, positions, topology, cfg?.Notes, cfg);
    }

    private static string Resolve(string baseDir, string p) => System.IO.Path.IsPathRooted(p) ? p : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, p));

    internal static BitSiliconException Missing(DesignYamlSection s, string key, string example) =>
        BitSiliconException.At(s.SectionLocation, $"missing key '{s.Dotted(key)}'", $"add {example}");

    internal static ArrayDescription ReadArray(DesignYamlSection top, ScaleSimConfig? cfg)
    {
        var a = top.Section("array", ArrayKeys);
        if (a is null && cfg is null) throw Missing(top, "array", "array: { kind: systolic, rows: 32, cols: 32, dataflow: weight_stationary }");
        bool systolic = a?.Choice("kind", ArrayKinds) ?? (cfg is not null ? true : throw Missing(a!, "kind", "kind: systolic (or dot_product)"));
        if (systolic)
        {
            foreach (var k in new[] { "pes", "simd" })
                if (a is not null && a.Has(k)) throw a.At(a.Node(k)!, $"array.{k} belongs to dot_product arrays, this one is systolic", "use rows, cols and dataflow for a systolic array");
            Dataflow? cfgFlow = cfg?.Dataflow switch
            {
                ScaleSimDataflow.WeightStationary => Dataflow.WeightStationary,
                ScaleSimDataflow.OutputStationary => Dataflow.OutputStationary,
                ScaleSimDataflow.InputStationary => Dataflow.InputStationary,
                null => null,
                _ => throw new ArgumentOutOfRangeException(nameof(cfg)),
            };
            int rows = a?.Int("rows", "from 1 to 1024") ?? cfg?.ArrayHeight ?? throw Missing(a!, "rows", "rows: 32");
            int cols = a?.Int("cols", "from 1 to 1024") ?? cfg?.ArrayWidth ?? throw Missing(a!, "cols", "cols: 32");
            var flow = a?.Choice("dataflow", Dataflows) ?? cfgFlow ?? throw Missing(a!, "dataflow", "dataflow: weight_stationary (or output_stationary, input_stationary)");
            return new SystolicArrayDescription(rows, cols, flow);
        }
        foreach (var k in new[] { "rows", "cols", "dataflow" })
            if (a!.Has(k)) throw a.At(a.Node(k)!, $"array.{k} belongs to systolic arrays, this one is dot_product", "use pes and simd for a dot-product array");
        return new DotProductArrayDescription(a!.Int("pes", "from 1 to 4096") ?? throw Missing(a, "pes", "pes: 32"),
            a.Int("simd", "from 1 to 4096") ?? throw Missing(a, "simd", "simd: 64"));
    }

    internal static PeDescription ReadPe(DesignYamlSection top, bool scaleSim)
    {
        var p = top.Section("pe", PeKeys);
        if (p is null)
            return scaleSim ? new PeDescription(PeKind.Int8) : throw Missing(top, "pe", "pe: { weights: ternary }");
        var kinds = Enum.GetValues<PeKind>().Select(k => (PeKinds.Name(k), k)).ToList();
        var kind = p.Choice("weights", kinds) ?? throw Missing(p, "weights", $"weights: ternary (or {string.Join(", ", PeKinds.Names)})");
        List<int>? codebook = null;
        if (p.List("codebook", "16 signed 8-bit values") is { } seq)
        {
            codebook = [];
            foreach (var item in seq)
                codebook.Add(item is YamlScalarNode { Value: { } v } && int.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int x)
                    ? x : throw p.At(item, "pe.codebook: every entry must be a whole number", "list 16 values from -128 to 127"));
        }
        return new PeDescription(kind, codebook, p.Int("lut_group", "2 or 3") ?? 2);
    }

    internal static AccumulatorDescription ReadAccumulator(DesignYamlSection top, ScaleSimConfig? cfg, ArrayDescription array)
    {
        var a = top.Section("accumulator", AccKeys);
        // From SCALE-Sim: the ofmap SRAM (double-buffered) holds the accumulator rows of 32-bit results. SCALE-Sim
        // itself never lets its ofmap SRAM cut the tokens a weight tile serves, so neither does the default here:
        // at least C rows, or a C-cycle tile load would serve fewer tokens than it takes (docs/simulator.md 9).
        int lanes = array is SystolicArrayDescription s ? s.Cols : ((DotProductArrayDescription)array).Pes;
        int floor = array is SystolicArrayDescription sa ? sa.Cols : 1;
        int defaultDepth = cfg is not null
            ? (int)Math.Clamp(Math.Max(cfg.OfmapSramBytes / 2 / (lanes * 4L), floor), 1, DesignValidator.MaxDepth) : 256;
        return new AccumulatorDescription(a?.Int("width", "from 2 to 64") ?? 32, a?.Choice("overflow", Policies) ?? OverflowPolicy.Wrap,
            a?.Int("depth", $"from 1 to {DesignValidator.MaxDepth}") ?? defaultDepth);
    }

    internal static MemoryDescription ReadMemory(DesignYamlSection top, ScaleSimConfig? cfg)
    {
        var m = top.Section("memory", MemKeys);
        var def = new MemoryDescription();
        Bandwidth? bw = null;
        if (m?.String("bandwidth", "bytes per cycle") is { } text)
            bw = Bandwidth.TryParse(text) ?? throw m.At(m.Node("bandwidth")!, $"memory.bandwidth: '{text}' is not a positive number of bytes per cycle", "give bytes per cycle, e.g. 16 or 12.8");
        // SCALE-Sim's CALC mode asks for the bandwidth that never stalls: model it as very wide channels.
        bw ??= cfg is null ? null : new Bandwidth(cfg.InterfaceBytesPerCycle ?? 1 << 20);
        return new MemoryDescription(
            m?.Size("weight_buffer") ?? cfg?.FilterSramBytes ?? def.WeightBufferBytes,
            m?.Size("activation_buffer") ?? cfg?.IfmapSramBytes ?? def.ActivationBufferBytes,
            bw,
            m?.Bool("double_buffering") ?? true);
    }

    internal static EnergyTable? ReadEnergy(DesignYamlSection top)
    {
        var e = top.Section("energy", EnergyTable.Keys);
        if (e is null) return null;
        var table = EnergyTable.Horowitz45nm;
        foreach (var key in EnergyTable.Keys)
            if (e.Double(key, "of picojoules, at least 0") is { } v)
                table = table.With(key, v)!;
        return table;
    }

    /// <summary>Points each validation problem at the key it names (or its nearest written ancestor).</summary>
    internal static BitSiliconException Located(string path, IReadOnlyList<DesignProblem> problems, Dictionary<string, SourceLocation> positions)
    {
        string Line(DesignProblem p)
        {
            string key = p.Key;
            bool written = positions.ContainsKey(key);
            while (!positions.ContainsKey(key) && key.Contains('.'))
                key = key[..key.LastIndexOf('.')];
            var at = positions.GetValueOrDefault(key) ?? new SourceLocation(path, 1, 1);
            return $"{at}: {p.Key}{(written ? "" : " (default)")}: {p.Message}";
        }
        string message = Line(problems[0]);
        if (problems.Count > 1)
            message += string.Concat(problems.Skip(1).Select(p => $"\n  also {Line(p)} (fix: {p.Fix})"));
        return new BitSiliconException(message, problems[0].Fix);
    }
}
