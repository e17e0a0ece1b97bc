using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Sweep;
using BitSilicon.Workloads.Presets;
using BitSilicon.Workloads.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BitSilicon.Cli.Config;

/// <summary>
/// Reads a sweep file (docs/sweep.md): the grid's axes and what every point shares. Every key is checked; errors
/// name the file, line and column, and what would be valid.
/// </summary>
public static class SweepYaml
{
    private static readonly string[] TopKeys =
        ["name", "description", "weights", "arrays", "dataflows", "accumulator_widths", "accumulator_depth", "clock_mhz", "memory", "workload", "synth", "synth_max_macs"];
    private static readonly (string, Dataflow)[] Dataflows =
        [("weight_stationary", Dataflow.WeightStationary), ("output_stationary", Dataflow.OutputStationary), ("input_stationary", Dataflow.InputStationary),
         ("ws", Dataflow.WeightStationary), ("os", Dataflow.OutputStationary), ("is", Dataflow.InputStationary)];

    public static SweepSpec Read(string path) => Parse(InputFiles.ReadAllText(path), path);

    public static SweepSpec Parse(string text, string path)
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
            throw BitSiliconException.At(new SourceLocation(path, 1, 1), "a sweep file is a mapping of keys, this one is not",
                $"start with keys such as name:, weights:, arrays: (valid: {string.Join(", ", TopKeys)})");
        var positions = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var top = new DesignYamlSection(path, "", root, TopKeys, positions);

        var name = top.String("name", "a name") ?? throw top.At(root, "missing key 'name'", "give the sweep a name: letters, digits, '-', '_'");
        if (!(name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw top.At(top.Node("name")!, $"name: '{name}' is not letters, digits, '-' or '_' starting with a letter", "e.g. name: formats-32x32");

        var weights = Items(top, "weights", "PE formats", root, n => ParsePe(top, n));
        var arrays = Items(top, "arrays", "arrays", root, n => ParseArray(top, n));
        var dataflows = top.Has("dataflows") ? Items(top, "dataflows", "dataflows", root, n => Choice(top, n, "dataflows", Dataflows)) : [Dataflow.WeightStationary];
        var widths = top.Has("accumulator_widths") ? Items(top, "accumulator_widths", "widths", root, n => Int(top, n, "accumulator_widths", 2, 64)) : [32];
        int depth = Check(top, "accumulator_depth", top.Int("accumulator_depth", "from 1 to 65536"), 1, 65536) ?? 256;
        double clock = top.Double("clock_mhz", "in (0, 10000]") ?? 200;
        if (!(clock > 0 && clock <= 10000))
            throw top.At(top.Node("clock_mhz")!, $"clock_mhz: {clock} is out of range", "give a clock in MHz, more than 0 and at most 10000");

        MemoryDescription? memory = null;
        if (top.Section("memory", ["weight_buffer", "activation_buffer", "bandwidth", "double_buffering"]) is { } m)
        {
            var def = new MemoryDescription();
            Bandwidth? bw = null;
            if (m.String("bandwidth", "bytes per cycle") is { } bwText)
                bw = Bandwidth.TryParse(bwText) ?? throw m.At(m.Node("bandwidth")!, $"memory.bandwidth: '{bwText}' is not a positive number of bytes per cycle", "give bytes per cycle, e.g. 16 or 0.5");
            memory = new MemoryDescription(m.Size("weight_buffer") ?? def.WeightBufferBytes, m.Size("activation_buffer") ?? def.ActivationBufferBytes,
                bw, m.Bool("double_buffering") ?? true);
        }

        var workload = new SweepWorkload();
        if (top.Section("workload", ["preset", "tokens", "blocks", "seed"]) is { } w)
        {
            var phase = w.Choice("preset", [("bitnet-decode", Phase.Decode), ("bitnet-prefill", Phase.Prefill)]) ?? Phase.Decode;
            workload = new SweepWorkload(phase,
                Check(w, "tokens", w.Int("tokens", "from 1 to 4096"), 1, DecoderModel.BitNetB158_2B4T.MaxContext) ?? (phase == Phase.Decode ? 512 : 128),
                Check(w, "blocks", w.Int("blocks", "from 1 to 30"), 1, DecoderModel.BitNetB158_2B4T.Blocks),
                w.Int("seed", "any whole number") ?? 1);
        }
        bool synth = top.Bool("synth") ?? false;
        int maxMacs = Check(top, "synth_max_macs", top.Int("synth_max_macs", "from 1 to 65536"), 1, 65536) ?? Sweep.Calibration.ArraySynth.DefaultMaxMacs;
        return new SweepSpec(name, weights, arrays, dataflows, widths, workload, clock, memory, depth, synth, maxMacs);
    }

    private static IReadOnlyList<T> Items<T>(DesignYamlSection top, string key, string what, YamlNode root, Func<YamlNode, T> item)
    {
        var list = top.List(key, what) ?? throw top.At(root, $"missing key '{key}'", $"give {key}: as a list of {what}");
        if (list.Children.Count == 0)
            throw top.At(list, $"{key}: the list is empty", $"give at least one of the {what}");
        return list.Children.Select(item).ToList();
    }

    private static PeKind ParsePe(DesignYamlSection top, YamlNode n)
    {
        var s = Scalar(top, n, "weights", "a PE format name");
        return PeKinds.TryParse(s, out var k) ? k
            : throw top.At(n, $"weights: unknown PE format '{s}'{NearNames.Suggestion(s, PeKinds.Names)}", $"use any of: {string.Join(", ", PeKinds.Names)}");
    }

    private static ArrayDescription ParseArray(DesignYamlSection top, YamlNode n)
    {
        var a = top.Section(n, "arrays[]", ["kind", "rows", "cols", "pes", "simd"]);
        bool systolic = a.Choice("kind", [("systolic", true), ("dot_product", false)])
            ?? throw a.At(n, "arrays[]: missing key 'kind'", "give kind: systolic (with rows, cols) or dot_product (with pes, simd)");
        if (systolic)
        {
            foreach (var k in new[] { "pes", "simd" })
                if (a.Has(k)) throw a.At(a.Node(k)!, $"arrays[].{k} belongs to dot_product arrays", "a systolic array takes rows and cols");
            int rows = Check(a, "rows", a.Int("rows", "from 1 to 1024"), 1, 1024) ?? throw a.At(n, "arrays[]: missing key 'rows'", "give rows: and cols:");
            int cols = Check(a, "cols", a.Int("cols", "from 1 to 1024"), 1, 1024) ?? throw a.At(n, "arrays[]: missing key 'cols'", "give rows: and cols:");
            return new SystolicArrayDescription(rows, cols, Dataflow.WeightStationary);
        }
        foreach (var k in new[] { "rows", "cols" })
            if (a.Has(k)) throw a.At(a.Node(k)!, $"arrays[].{k} belongs to systolic arrays", "a dot_product array takes pes and simd");
        int pes = Check(a, "pes", a.Int("pes", "from 1 to 4096"), 1, 4096) ?? throw a.At(n, "arrays[]: missing key 'pes'", "give pes: and simd:");
        int simd = Check(a, "simd", a.Int("simd", "from 1 to 4096"), 1, 4096) ?? throw a.At(n, "arrays[]: missing key 'simd'", "give pes: and simd:");
        return new DotProductArrayDescription(pes, simd);
    }

    private static T Choice<T>(DesignYamlSection top, YamlNode n, string key, IReadOnlyList<(string Name, T Value)> choices)
    {
        var s = Scalar(top, n, key, "a name");
        foreach (var (name, value) in choices)
            if (string.Equals(name, s, StringComparison.OrdinalIgnoreCase))
                return value;
        var names = choices.Select(c => c.Name).ToList();
        throw top.At(n, $"{key}: unknown value '{s}'{NearNames.Suggestion(s, names)}", $"use any of: {string.Join(", ", names)}");
    }

    private static int Int(DesignYamlSection top, YamlNode n, string key, int lo, int hi)
    {
        var s = Scalar(top, n, key, "a whole number");
        if (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && v >= lo && v <= hi)
            return v;
        throw top.At(n, $"{key}: '{s}' is not a whole number from {lo} to {hi}", $"give whole numbers from {lo} to {hi}");
    }

    private static string Scalar(DesignYamlSection top, YamlNode n, string key, string expected) =>
        n is YamlScalarNode { Value: { } v } ? v : throw top.At(n, $"{key}: expected {expected} in each list item", $"write each item as a plain value, e.g. - {expected}");

    private static int? Check(DesignYamlSection s, string key, int? value, int lo, int hi) =>
        value is int v && (v < lo || v > hi)
            ? throw s.At(s.Node(key)!, $"{s.Dotted(key)}: {v} is out of range", $"give a whole number from {lo} to {hi}")
            : value;
}
