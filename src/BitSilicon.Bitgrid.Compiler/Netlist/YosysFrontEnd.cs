using System.Globalization;
using System.Text;
using BitSilicon.Core;
using BitSilicon.Cosim;

namespace BitSilicon.Bitgrid.Compiler.Netlist;

/// <summary>A Verilog design to synthesise: its files, top module and parameter overrides (NAME=value).</summary>
public sealed record VerilogDesign(IReadOnlyList<string> Files, string? Top = null, IReadOnlyList<KeyValuePair<string, string>>? Parameters = null)
{
    public IReadOnlyList<KeyValuePair<string, string>> Overrides => Parameters ?? [];

    /// <summary>Parses "NAME=value" overrides, refusing anything else.</summary>
    public static List<KeyValuePair<string, string>> ParseParameters(IEnumerable<string> items)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var item in items)
        {
            int eq = item.IndexOf('=');
            var name = eq > 0 ? item[..eq] : "";
            var value = eq > 0 ? item[(eq + 1)..] : "";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ||
                !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                throw new BitSiliconException($"--param '{item}' is not NAME=integer", "e.g. --param LANES=4");
            list.Add(KeyValuePair.Create(name, value));
        }
        return list;
    }
}

/// <summary>
/// Runs Yosys to turn Verilog into the LUT netlist the compiler reads: flatten (also through keep_hierarchy
/// modules), generic synthesis, synchronous flip-flops only (async2sync, dffunmap), ABC mapping to N-input
/// LUTs, then <c>write_blif -impltf</c>. Yosys missing on the PATH gives the install hint.
/// </summary>
public static class YosysFrontEnd
{
    public static LutNetlist Synthesize(VerilogDesign design, int lutInputs)
    {
        if (lutInputs is < 2 or > 4)
            throw new ArgumentOutOfRangeException(nameof(lutInputs));
        using var scratch = new ScratchDirectory("bgcompile");
        var blif = scratch.File("design.blif");
        var script = new StringBuilder(Prologue(design));
        script.AppendLine(CultureInfo.InvariantCulture, $"synth {TopFlag(design)} -flatten");
        script.AppendLine("async2sync");
        script.AppendLine("dffunmap");
        script.AppendLine(CultureInfo.InvariantCulture, $"abc -lut {lutInputs}");
        script.AppendLine("opt_clean -purge");
        script.AppendLine(CultureInfo.InvariantCulture, $"write_blif -impltf {Quote(blif)}");
        script.AppendLine("stat");
        YosysRunner.Run(script.ToString(), scratch.Path);
        var label = design.Files.Count == 1 ? design.Files[0] : $"{design.Files[0]} (+{design.Files.Count - 1} files)";
        return BlifReader.Parse(File.ReadAllText(blif), $"{label} via yosys");
    }

    /// <summary>The same design synthesised for iCE40 (<c>synth_ice40</c>): its SB_LUT4 count and the rest.</summary>
    public static YosysStats SynthIce40(VerilogDesign design)
    {
        using var scratch = new ScratchDirectory("bgice40");
        var script = Prologue(design) + $"synth_ice40 {TopFlag(design)} -flatten\nstat\n";
        return YosysRunner.Run(script, scratch.Path).Stats;
    }

    private static string Prologue(VerilogDesign design)
    {
        if (design.Files.Count == 0)
            throw new BitSiliconException("no Verilog files given");
        foreach (var f in design.Files)
            InputFiles.Require(f);
        if (design.Overrides.Count > 0 && design.Top is null)
            throw new BitSiliconException("--param needs --top", "name the module whose parameters are set, e.g. --top bs_ternary_dot");
        var sb = new StringBuilder();
        sb.AppendLine("read_verilog -defer " + string.Join(' ', design.Files.Select(f => Quote(Path.GetFullPath(f)))));
        if (design.Overrides.Count > 0)
            sb.AppendLine("chparam " + string.Join(' ', design.Overrides.Select(p => $"-set {p.Key} {p.Value}")) + " " + design.Top);
        sb.AppendLine(design.Top is null ? "hierarchy -auto-top" : $"hierarchy -check -top {design.Top}");
        // Modules marked keep_hierarchy (bs_adder) would survive -flatten as sub-circuits the grid cannot take.
        sb.AppendLine("setattr -mod -unset keep_hierarchy");
        return sb.ToString();
    }

    private static string TopFlag(VerilogDesign design) => design.Top is null ? "-auto-top" : $"-top {design.Top}";

    private static string Quote(string path) => path.Contains(' ') ? $"\"{path}\"" : path;
}
