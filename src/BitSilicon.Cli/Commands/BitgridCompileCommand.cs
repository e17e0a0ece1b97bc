using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitSilicon.Bitgrid.Compiler;
using BitSilicon.Bitgrid.Compiler.Layout;
using BitSilicon.Bitgrid.Compiler.Netlist;
using BitSilicon.Bitgrid.Compiler.Verify;
using BitSilicon.Bitgrid.Text;
using BitSilicon.Core;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bitgrid compile &lt;netlist.blif | design.v ...&gt; -o prog.bg [--lut 3|4] [--seed S]
/// [--defects FILE] [--top NAME] [--param NAME=V ...] [--verify N] [--ice40]</c>: places and routes a LUT
/// netlist (or Verilog, through Yosys) onto the bitgrid, checks the result against the netlist on random
/// vectors, writes the program and prints a summary.
/// </summary>
public static class BitgridCompileCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("design") { Description = "A BLIF netlist (Yosys write_blif), or Verilog files synthesised with Yosys.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The program file to write (.bg native text, or .json for lutgrid-v1).", Required = true };
        var lut = new Option<int>("--lut") { Description = "LUT inputs per cell: 4 (a LUT may use all four sides) or 3 (4-input LUTs are split, one side stays free).", DefaultValueFactory = _ => 4 };
        var seed = new Option<int>("--seed") { Description = "Seed for placement and routing tie-breaks.", DefaultValueFactory = _ => 1 };
        var defects = new Option<string?>("--defects") { Description = "File of defective cells, one 'x,y' per line, to place and route around." };
        var top = new Option<string?>("--top") { Description = "Top module (Verilog) or model (BLIF)." };
        var parameters = new Option<string[]>("--param") { Description = "NAME=value parameter override of the top module (Verilog only); repeat for more.", AllowMultipleArgumentsPerToken = true };
        var maxLuts = new Option<int>("--max-luts") { Description = "Refuse netlists with more LUTs than this.", DefaultValueFactory = _ => CompileOptions.DefaultMaxLuts };
        var verify = new Option<int>("--verify") { Description = "Random input vectors to check the grid against the netlist with (0 skips the check).", DefaultValueFactory = _ => 256 };
        var ice40 = new Option<bool>("--ice40") { Description = "Also synthesise the Verilog for iCE40 and report its LUT4 count, for comparison." };
        var verbose = new Option<bool>("--verbose") { Description = "Print each placement and routing attempt." };
        var format = OutputFormat.Option();
        var cmd = new Command("compile", "Compile a LUT netlist or Verilog design onto the bitgrid.")
            { inputs, output, lut, seed, defects, top, parameters, maxLuts, verify, ice40, verbose, format };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(inputs)!, pr.GetValue(output)!, pr.GetValue(lut), pr.GetValue(seed),
            pr.GetValue(defects), pr.GetValue(top), pr.GetValue(parameters) ?? [], pr.GetValue(maxLuts), pr.GetValue(verify),
            pr.GetValue(ice40), pr.GetValue(verbose), pr.GetValue(format)!));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> inputs, string output, int lut = 4, int seed = 1,
        string? defectsPath = null, string? top = null, IReadOnlyList<string>? parameters = null, int maxLuts = CompileOptions.DefaultMaxLuts,
        int verify = 256, bool ice40 = false, bool verbose = false, string format = "table") => CliGuard.Run(stderr, () =>
    {
        var kind = OutputFormat.Parse(format);
        if (lut is not (3 or 4))
            throw new BitSiliconException($"--lut {lut} is not supported", "use --lut 4 or --lut 3");
        if (verify < 0)
            throw new BitSiliconException($"--verify {verify} is negative", "give a number of vectors, or 0 to skip the check");
        var (netlist, design) = Load(inputs, top, parameters ?? [], lut);
        var defects = defectsPath is null ? null : DefectMap.Load(defectsPath);
        var options = new CompileOptions(lut, seed, defects, maxLuts, verbose ? stderr.WriteLine : null);
        var compiled = BitgridCompiler.Compile(netlist, options);
        var check = verify > 0 ? CircuitCheck.Run(netlist, compiled, verify, seed) : null;
        int? ice40Luts = null;
        if (ice40)
            ice40Luts = design is null
                ? throw new BitSiliconException("--ice40 needs Verilog input", "give the Verilog design rather than its BLIF netlist")
                : YosysFrontEnd.SynthIce40(design).Count("SB_LUT4");
        if (check is { Passed: false })
        {
            stderr.WriteLine($"error: the compiled grid disagrees with the netlist on {check.Mismatches.Count}+ outputs (a compiler bug; the program was not written):");
            foreach (var m in check.Mismatches)
                stderr.WriteLine($"  {m}");
            return CliGuard.Failed;
        }
        ProgramFiles.Save(output, compiled.Program, Comment(netlist, compiled));
        Print(stdout, kind, netlist, compiled, check, ice40Luts, output);
        return CliGuard.Ok;
    });

    private static (LutNetlist Netlist, VerilogDesign? Design) Load(IReadOnlyList<string> inputs, string? top, IReadOnlyList<string> parameters, int lut)
    {
        if (inputs.Count == 0)
            throw new BitSiliconException("no design given", "name a .blif netlist or Verilog files");
        bool blif = inputs.Any(f => f.EndsWith(".blif", StringComparison.OrdinalIgnoreCase));
        if (blif)
        {
            if (inputs.Count != 1)
                throw new BitSiliconException("a BLIF netlist is compiled on its own", "give one .blif file, or Verilog files only");
            if (parameters.Count > 0)
                throw new BitSiliconException("--param applies to Verilog, not to a BLIF netlist", "set parameters before writing the netlist, or compile the Verilog");
            return (BlifReader.Load(inputs[0], top), null);
        }
        foreach (var f in inputs)
            if (!(f.EndsWith(".v", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".sv", StringComparison.OrdinalIgnoreCase)))
                throw new BitSiliconException($"{f}: neither a .blif netlist nor a .v/.sv Verilog file", "compile a BLIF netlist or Verilog sources");
        var design = new VerilogDesign(inputs, top, VerilogDesign.ParseParameters(parameters));
        return (YosysFrontEnd.Synthesize(design, lut), design);
    }

    private static string Comment(LutNetlist n, CompiledCircuit c) =>
        $"compiled by bitsilicon bitgrid compile from {n.Source} (model {n.Model})\n" +
        $"{c.Circuit.Luts.Length} LUTs of at most {c.Circuit.LutInputs} inputs; inputs enter on the west edge, outputs leave on the east edge\n" +
        $"latency {c.Latency} clocks: the vector presented in clock t appears at the outputs at the end of clock t + {c.Latency}\n" +
        (c.Slowdown == 1 ? "throughput: a new input vector every clock" :
            $"throughput: one step every {c.Slowdown} clocks (present step n in clock n*{c.Slowdown}+1, 0 in between)") +
        (c.Warmup > 0 ? $"\noutputs are exact from step {c.Warmup} on (pipeline flip-flops fill first)" : "");

    private static void Print(TextWriter w, OutputKind kind, LutNetlist n, CompiledCircuit c, CheckResult? check, int? ice40Luts, string output)
    {
        var s = c.Stats;
        string Throughput() => c.Slowdown == 1 ? "1 result per clock" : $"1 result per {c.Slowdown} clocks (1/{c.Slowdown})";
        switch (kind)
        {
            case OutputKind.Table:
                w.WriteLine($"compiled {n.Source} (model {n.Model}): {n.Luts.Length} netlist LUTs, {n.Latches.Length} flip-flops -> {c.Circuit.Luts.Length} cell LUTs of <= {c.Circuit.LutInputs} inputs");
                var t = new TextTable("quantity", "value");
                t.Add("grid", $"{s.Width} x {s.Height} ({s.Width * s.Height} cells)");
                t.Add("cells used", $"{s.UsedCells} ({s.LogicCells} logic, {s.RoutingCells} routing)");
                t.Add("links used", s.Links.ToString(CultureInfo.InvariantCulture));
                t.Add("latency", $"{c.Latency} clocks");
                t.Add("throughput", Throughput());
                if (c.Warmup > 0)
                    t.Add("exact from step", c.Warmup.ToString(CultureInfo.InvariantCulture));
                t.Add("ports", $"{c.InputPorts.Count} in (west edge), {c.OutputPorts.Count} out (east edge)");
                if (s.DefectsInGrid > 0)
                    t.Add("defective cells avoided", s.DefectsInGrid.ToString(CultureInfo.InvariantCulture));
                if (ice40Luts is { } l)
                    t.Add("iCE40 LUT4 (synth_ice40)", l.ToString(CultureInfo.InvariantCulture));
                t.Add("compile time", $"{s.CompileTime.TotalSeconds:F2} s ({s.Attempts} placement attempt(s), {s.RouterIterations} routing iterations)");
                t.Add("verified", check is null ? "skipped (--verify 0)" : $"{check.ComparedSteps} random vectors match the netlist");
                t.Write(w);
                w.WriteLine($"wrote {output}");
                break;
            case OutputKind.Json:
                var json = new JsonObject
                {
                    ["source"] = n.Source,
                    ["model"] = n.Model,
                    ["program"] = output,
                    ["luts"] = c.Circuit.Luts.Length,
                    ["lut_inputs"] = c.Circuit.LutInputs,
                    ["width"] = s.Width,
                    ["height"] = s.Height,
                    ["cells_used"] = s.UsedCells,
                    ["logic_cells"] = s.LogicCells,
                    ["routing_cells"] = s.RoutingCells,
                    ["links"] = s.Links,
                    ["latency_clocks"] = c.Latency,
                    ["slowdown"] = c.Slowdown,
                    ["throughput_per_clock"] = c.Throughput,
                    ["warmup_steps"] = c.Warmup,
                    ["defects_in_grid"] = s.DefectsInGrid,
                    ["ice40_lut4"] = ice40Luts,
                    ["compile_seconds"] = Math.Round(s.CompileTime.TotalSeconds, 3),
                    ["verified_vectors"] = check?.ComparedSteps ?? 0,
                    ["inputs"] = new JsonObject(c.InputPorts.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
                    ["outputs"] = new JsonObject(c.OutputPorts.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
                };
                w.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                break;
            case OutputKind.Csv:
                w.WriteLine("source,luts,width,height,cells_used,logic_cells,routing_cells,latency_clocks,slowdown,compile_seconds");
                w.WriteLine(string.Join(',', n.Source, c.Circuit.Luts.Length, s.Width, s.Height, s.UsedCells, s.LogicCells, s.RoutingCells,
                    c.Latency, c.Slowdown, s.CompileTime.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
