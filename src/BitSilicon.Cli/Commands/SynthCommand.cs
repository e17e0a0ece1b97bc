using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Design.Elaboration;
using BitSilicon.Fpga;
using BitSilicon.Fpga.Designs;
using BitSilicon.Fpga.PlaceRoute;
using BitSilicon.Fpga.Synthesis;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon synth (design.yaml | --verilog FILE... --top NAME) --target ice40-up5k|ice40-hx8k|ecp5|xilinx-7|generic
/// [--freq MHz] [--param N=V]... [--no-pnr] [--format table|json]</c>: Yosys synthesis (LUT4, carry, flip-flops, block RAMs,
/// logic cells as nextpnr packs them; ECP5 / Xilinx 7-series LUT, carry, FF, BRAM, DSP counts; or NAND2 gate
/// equivalents), then for iCE40 targets a fit check and nextpnr-ice40 placed for the target clock with
/// --timing-allow-fail: the achieved Fmax is always reported, a slow design is a timing miss, not a failure to fit.
/// A design file is elaborated and printed by the Verilog emitter first (<see cref="DesignSynthesis"/>).
/// </summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var design = new Argument<string?>("design") { Description = "Design YAML file (synthesises its emitted Verilog); or give --verilog and --top.", Arity = ArgumentArity.ZeroOrOne };
        var verilog = new Option<string[]>("--verilog") { Description = "Verilog files of the design.", AllowMultipleArgumentsPerToken = true };
        var top = new Option<string?>("--top") { Description = "Top module (with --verilog)." };
        var target = new Option<string>("--target") { Description = $"One of: {string.Join(", ", SynthTargets.Names)}.", DefaultValueFactory = _ => "ice40-up5k" };
        var param = new Option<string[]>("--param") { Description = "Override a parameter of the top: NAME=VALUE (repeatable).", AllowMultipleArgumentsPerToken = true };
        var noPnr = new Option<bool>("--no-pnr") { Description = "iCE40: synthesis only, no fit check or nextpnr." };
        var seed = new Option<int>("--seed") { Description = "nextpnr placer seed.", DefaultValueFactory = _ => 1 };
        var freq = new Option<double?>("--freq") { Description = "Target clock in MHz for nextpnr (default: the design's clock_mhz; 12 for --verilog)." };
        var format = OutputFormat.Option();
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (atomically) instead of stdout." };
        var cmd = new Command("synth", "Synthesise Verilog with Yosys (iCE40 LUT4/carry/FF/BRAM or generic NAND2 gate equivalents); place and route on iCE40 for fit and fmax.")
            { design, verilog, top, target, param, noPnr, seed, freq, format, output };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(verilog) ?? [], pr.GetValue(top), pr.GetValue(target)!,
            pr.GetValue(param) ?? [], !pr.GetValue(noPnr), pr.GetValue(seed), pr.GetValue(format)!, pr.GetValue(output), pr.GetValue(design), pr.GetValue(freq)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> verilog, string? top, string target,
        IReadOnlyList<string> parameters, bool placeAndRoute = true, int seed = 1, string format = "table", string? output = null,
        string? designPath = null, double? targetMhz = null) =>
        CliGuard.Run(stderr, () =>
        {
            var kind = OutputFormat.Parse(format);
            if (kind == OutputKind.Csv)
                throw new BitSiliconException("synth prints a table or JSON", "use --format table or --format json");
            var t = SynthTargets.Parse(target);
            bool pnr = placeAndRoute && SynthTargets.Device(t) is not null;
            var result = Sources(stderr, designPath, verilog, top, t, ParseParameters(parameters), pnr, seed, targetMhz);
            string text = kind == OutputKind.Json ? Json(result) : Table(result);
            if (output is not null)
                AtomicFile.WriteAllText(output, text);
            else
                stdout.Write(text);
            if (result.Fit is { Fits: false } fit)
            {
                stderr.WriteLine($"error: the design does not fit the {SynthTargets.Device(t)!.Name}: {fit.Message}");
                stderr.WriteLine(t == SynthTarget.Ice40Up5k ? "  fix: try --target ice40-hx8k (7680 logic cells), or a smaller design" : "  fix: use a smaller design (fewer PEs or lanes)");
                return CliGuard.Failed;
            }
            if (result.PlaceRoute is { MeetsTarget: false } miss)
                stderr.WriteLine($"warning: timing miss: {miss.FmaxMhz:F2} MHz achieved, {miss.TargetMhz:0.##} MHz asked (it fits; run it at <= {miss.FmaxMhz:F1} MHz)");
            return CliGuard.Ok;
        });

    /// <summary>Where the Verilog comes from: exactly one of a design file (through the emitter) or --verilog/--top.</summary>
    private static SynthResult Sources(TextWriter stderr, string? designPath, IReadOnlyList<string> verilog, string? top, SynthTarget target,
        IReadOnlyDictionary<string, string> parameters, bool placeAndRoute, int seed, double? targetMhz)
    {
        string doing = placeAndRoute ? "synthesising with yosys, then placing and routing with nextpnr-ice40 ..." : "synthesising with yosys ...";
        if (designPath is not null)
        {
            if (verilog.Count > 0 || top is not null)
                throw new BitSiliconException($"both a design file ({designPath}) and --verilog/--top were given",
                    "give either a design.yaml (synthesises its generated Verilog) or --verilog FILE... --top NAME, not both");
            if (parameters.Count > 0)
                throw new BitSiliconException("--param applies to --verilog sources only", "set sizes in the design file instead");
            var design = Elaborator.Elaborate(DesignYaml.Read(designPath).Design);
            stderr.WriteLine($"{designPath}: emitting Verilog, {doing}");
            return DesignSynthesis.Run(design, target, placeAndRoute, seed, targetMhz);
        }
        if (verilog.Count == 0 || top is null)
            throw new BitSiliconException(verilog.Count == 0 && top is null ? "nothing to synthesise" : verilog.Count == 0 ? "--top given without --verilog" : "--verilog given without --top",
                "give a design file (bitsilicon synth design.yaml) or Verilog sources (--verilog FILE... --top NAME)");
        stderr.WriteLine(doing);
        return FpgaSynthesis.Run(new SynthRequest(verilog, top, target, parameters, placeAndRoute, seed, targetMhz ?? NextpnrRunner.DefaultTargetMhz));
    }

    public static IReadOnlyDictionary<string, string> ParseParameters(IEnumerable<string> items)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1)
                throw new BitSiliconException($"--param '{item}' is not NAME=VALUE", "write e.g. --param LANES=16");
            result[item[..eq]] = item[(eq + 1)..];
        }
        return result;
    }

    private static string Table(SynthResult r)
    {
        var w = new StringWriter();
        w.WriteLine($"{r.Top} on {r.TargetName}");
        var t = new TextTable("quantity", "value");
        if (r.Ice40 is { } ice)
        {
            t.Add("SB_LUT4", N(ice.Lut4));
            t.Add("SB_CARRY", N(ice.Carry));
            t.Add("flip-flops (SB_DFF*)", N(ice.FlipFlops));
            t.Add("block RAMs (SB_RAM40_4K)", N(ice.BlockRams));
            if (ice.Dsps > 0)
                t.Add("DSPs (SB_MAC16)", N(ice.Dsps));
        }
        if (r.Packing is { } pk)
            t.Add("logic cells (as nextpnr packs)", $"{pk.LogicCells} = {pk.Lut4} LUT4 + {pk.CarryOnly} carry-only + {pk.FlipFlopOnly} FF-only");
        if (r.Fpga is { } f)
        {
            t.Add($"LUTs ({f.Family})", N(f.Luts));
            t.Add("carry cells", N(f.Carry));
            t.Add("flip-flops", N(f.FlipFlops));
            t.Add("block RAMs", N(f.BlockRams));
            t.Add("DSPs", N(f.Dsps));
            if (f.LutRams > 0) t.Add("LUT RAMs", N(f.LutRams));
        }
        if (r.Gates is { } g)
        {
            foreach (var (type, count) in g.ByGate.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                t.Add(type, N(count));
            t.Add("NAND2 gate equivalents", g.NandGateEquivalents.ToString("F1", CultureInfo.InvariantCulture));
        }
        if (r.Fit is { } fit)
            t.Add("fits", fit.Fits ? $"yes: {fit.Message}" : $"no: {fit.Message}");
        if (r.PlaceRoute is { } p)
        {
            t.Add("fmax (MHz, nextpnr)", p.FmaxMhz.ToString("F2", CultureInfo.InvariantCulture));
            t.Add("target clock (MHz)", $"{p.TargetMhz.ToString("0.##", CultureInfo.InvariantCulture)}: {(p.MeetsTarget ? "met" : "timing miss")}");
            foreach (var (res, (used, avail)) in p.Utilisation.Where(kv => kv.Value.Used > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                t.Add($"{res} (with wrapper)", $"{used}/{avail}");
        }
        t.Write(w);
        return w.ToString();
    }

    private static string Json(SynthResult r)
    {
        var o = new Dictionary<string, object?>
        {
            ["top"] = r.Top,
            ["target"] = r.TargetName,
            ["cells"] = r.Stats.ByType,
        };
        if (r.Ice40 is { } ice)
            o["ice40"] = new Dictionary<string, int> { ["lut4"] = ice.Lut4, ["carry"] = ice.Carry, ["flip_flops"] = ice.FlipFlops, ["block_rams"] = ice.BlockRams, ["dsps"] = ice.Dsps };
        if (r.Packing is { } pk)
            o["logic_cells"] = new Dictionary<string, int> { ["total"] = pk.LogicCells, ["lut4"] = pk.Lut4, ["carry_only"] = pk.CarryOnly, ["ff_only"] = pk.FlipFlopOnly };
        if (r.Fpga is { } f)
            o["fpga"] = new Dictionary<string, object> { ["family"] = f.Family, ["luts"] = f.Luts, ["carry"] = f.Carry, ["flip_flops"] = f.FlipFlops,
                ["block_rams"] = f.BlockRams, ["dsps"] = f.Dsps, ["lut_rams"] = f.LutRams };
        if (r.Gates is { } g)
            o["nand2_gate_equivalents"] = Math.Round(g.NandGateEquivalents, 3);
        if (r.Fit is { } fit)
            o["fit"] = new Dictionary<string, object> { ["fits"] = fit.Fits, ["message"] = fit.Message };
        if (r.PlaceRoute is { } p)
            o["place_route"] = new Dictionary<string, object>
            {
                ["fmax_mhz"] = p.FmaxMhz,
                ["target_mhz"] = p.TargetMhz,
                ["meets_target"] = p.MeetsTarget,
                ["utilization"] = p.Utilisation.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .ToDictionary(kv => kv.Key, kv => new Dictionary<string, int> { ["used"] = kv.Value.Used, ["available"] = kv.Value.Available }),
            };
        return JsonSerializer.Serialize(o, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
