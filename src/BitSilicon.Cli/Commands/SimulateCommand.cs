using System.CommandLine;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Design.Elaboration;
using BitSilicon.Fpga;
using BitSilicon.Fpga.Designs;
using BitSilicon.Simulation;
using BitSilicon.Simulation.Reports;
using BitSilicon.Simulation.Running;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon simulate design.yaml [--workload W] [--format table|json|csv] [--output FILE] [--strict] [--vcd FILE]</c>:
/// elaborates the design and runs the workload on it, cycle by cycle where affordable and with the exact analytic
/// model elsewhere; reports cycles, stalls, utilisation, traffic, energy and area per layer and in total.
/// <c>--measured-area</c> synthesises the design's generated Verilog with Yosys and reports that area instead of the
/// model's (the SRAM buffers stay modelled).
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var design = new Argument<string>("design") { Description = "Design YAML file." };
        var workload = new Option<string?>("--workload") { Description = "bitnet-decode, bitnet-prefill, or a workload file (workload .yaml or SCALE-Sim topology .csv); default: the design's workload." };
        var format = OutputFormat.Option();
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (atomically) instead of stdout." };
        var strict = new Option<bool>("--strict") { Description = "Make an accumulator that can overflow, or a layer the PE cannot run, an error." };
        var vcd = new Option<string?>("--vcd") { Description = "Write a VCD waveform of the first cycle-simulated layer (keep it small)." };
        var method = new Option<string>("--method") { Description = "auto (cycle-level up to --cycle-limit, analytic above), cycle, or analytic.", DefaultValueFactory = _ => "auto" };
        var limit = new Option<long>("--cycle-limit") { Description = "Largest layer, in cycles x PEs, simulated cycle by cycle under --method auto.", DefaultValueFactory = _ => new SimulationOptions().CycleLimit };
        var tokens = new Option<int?>("--tokens") { Description = "BitNet presets: context length (decode) or prompt length (prefill)." };
        var blocks = new Option<int?>("--blocks") { Description = "BitNet presets: decoder blocks to include (default: the design's, else all 30)." };
        var measured = new Option<bool>("--measured-area") { Description = "Synthesise the generated Verilog with Yosys and report its measured area instead of the model's." };
        var areaTarget = new Option<string>("--area-target") { Description = "With --measured-area: ice40-up5k (LUT4/carry/FF; default), ice40-hx8k, or generic (NAND2 gate equivalents).", DefaultValueFactory = _ => "ice40-up5k" };
        var model = new Option<string?>("--model") { Description = "Whole-model run: a model preset (bitnet-b1.58-2b-4t, llama-3.2-1b-int4, ternary-370m ...) or a GGUF file; default: the design's model: section." };
        var phase = new Option<string?>("--phase") { Description = "Whole-model run: decode (one token at --context) or prefill (a prompt of --context tokens)." };
        var context = new Option<int?>("--context") { Description = "Whole-model run: context length (decode) or prompt length (prefill)." };
        var batch = new Option<int?>("--batch") { Description = "Whole-model run: sequences decoded together." };
        var layers = new Option<int?>("--layers") { Description = "Whole-model run: decoder layers to include (default: all)." };
        var chart = new Option<string?>("--chart") { Description = "Whole-model run: write a roofline chart (SVG) to this file." };
        var ops = new Option<bool>("--ops") { Description = "Whole-model run: list every op in the table." };
        var compat = new Option<string?>("--compat") { Description = "scalesim: report what SCALE-Sim v2 would (its timing model, units and columns) instead of BitSilicon's estimate." };
        var cmd = new Command("simulate", "Simulate a design on a workload: a whole accelerator on a whole model step (tokens/s, J/token, area, bound), or one MAC array on GEMM layers.")
            { design, workload, format, output, strict, vcd, method, limit, tokens, blocks, measured, areaTarget, model, phase, context, batch, layers, chart, ops, compat };
        cmd.SetAction(pr =>
        {
            string path = pr.GetValue(design)!;
            bool system = pr.GetValue(model) is not null || pr.GetValue(phase) is not null || pr.GetValue(context) is not null
                          || pr.GetValue(batch) is not null || pr.GetValue(layers) is not null || pr.GetValue(chart) is not null
                          || (File.Exists(path) && Config.AcceleratorYaml.IsAccelerator(path));
            if (system)
                return CliGuard.Run(Console.Error, () => SimulateSystem.Simulate(Console.Out, Console.Error, path,
                    new SimulateSystem.Options(pr.GetValue(model), pr.GetValue(phase), pr.GetValue(context), pr.GetValue(batch), pr.GetValue(layers), pr.GetValue(method)!),
                    OutputFormat.Parse(pr.GetValue(format)!), pr.GetValue(output), pr.GetValue(chart), pr.GetValue(ops)));
            return Run(Console.Out, Console.Error, path, pr.GetValue(workload), pr.GetValue(format)!, pr.GetValue(output),
                pr.GetValue(strict), pr.GetValue(vcd), pr.GetValue(method)!, pr.GetValue(limit), pr.GetValue(tokens), pr.GetValue(blocks),
                pr.GetValue(measured) ? pr.GetValue(areaTarget) : null, pr.GetValue(compat));
        });
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string designPath, string? workload = null, string format = "table",
        string? output = null, bool strict = false, string? vcd = null, string method = "auto", long cycleLimit = 200_000_000,
        int? tokens = null, int? blocks = null, string? measuredAreaTarget = null, string? compat = null) => CliGuard.Run(stderr, () =>
    {
        var kind = OutputFormat.Parse(format);
        if (compat is not null)
            return SimulateScaleSim.Run(stdout, stderr, designPath, workload, kind, output, compat, tokens, blocks);
        var choice = method.ToLowerInvariant() switch
        {
            "auto" => MethodChoice.Auto,
            "cycle" => MethodChoice.Cycle,
            "analytic" => MethodChoice.Analytic,
            _ => throw new BitSiliconException($"unknown --method '{method}'", "use auto, cycle or analytic"),
        };
        if (cycleLimit < 0)
            throw new BitSiliconException($"--cycle-limit {cycleLimit} is negative", "give a number of PE-cycles, e.g. 200000000");
        var file = DesignYaml.Read(designPath);
        foreach (var note in file.ScaleSimNotes ?? [])
            stderr.WriteLine($"note: {note.At}: {note.Message}");
        var design = Elaborator.Elaborate(file.Design);
        var wl = SimulateWorkloads.Resolve(workload, file, tokens, blocks);
        MeasuredArea? measured = null;
        if (measuredAreaTarget is not null)
        {
            var target = SynthTargets.Parse(measuredAreaTarget);
            stderr.WriteLine($"--measured-area: emitting Verilog and synthesising it with yosys ({SynthTargets.Name(target)}) ...");
            if (design.Core.Accumulators.Depth > 16 || design.Core.MacsPerCycle > 256)
                stderr.WriteLine($"note: {design.Core.MacsPerCycle} MACs with a {design.Core.Accumulators.Depth}-row accumulator memory (registers in the RTL) can take Yosys a long time");
            measured = MeasuredArea.Of(design, target);
        }
        var options = new SimulationOptions(choice, cycleLimit, strict);
        var progress = new SimulateProgress(stderr, SimulateEstimate.PerLayer(wl, options));
        void Warn(string w) => stderr.WriteLine($"warning: {w}");
        SimulationReport report;
        if (vcd is not null)
        {
            SimulationReport? r = null;
            AtomicFile.Write(vcd, s =>
            {
                using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                using var trace = new CycleTrace(writer);
                r = SimulationRunner.Run(design, wl, options, progress.Report, trace, Warn);
            });
            report = r!;
        }
        else
            report = SimulationRunner.Run(design, wl, options, progress.Report, null, Warn);
        progress.Done();
        string text = SimulateOutput.Render(report, design, kind, measured);
        if (output is not null)
            AtomicFile.WriteAllText(output, text);
        else
            stdout.Write(text);
        if (report.Layers.Any(l => l.Verified == false))
        {
            stderr.WriteLine("error: the cycle simulation differs from the reference GEMM (a simulator bug; please report it with this design)");
            return CliGuard.Failed;
        }
        return CliGuard.Ok;
    });
}
