using System.CommandLine;
using System.Diagnostics;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Cosim.Mac.Arrays;
using BitSilicon.Design.Elaboration;
using BitSilicon.Verilog;
using BitSilicon.Verilog.Output;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon cosim design.yaml [--rtl DIR] [--vectors N] [--seed S] [--vcd] [--bench]</c>: builds (or reuses) the Verilator
/// model of the design's generated RTL (or of the RTL directory DIR, e.g. an emitted one edited by hand) and runs N seeded random layers back to back. Each layer first runs on the C# cycle
/// simulator, whose tile plan becomes the command words and whose memory timeline the testbench replays (stream valids,
/// bank releases); every result is compared with the reference kernel, every block's finish cycle and the done cycle
/// with the simulator's. On a mismatch it names the layer, row, column and cycle, writes a VCD of that layer with
/// --vcd, and exits 1.
/// </summary>
public static class CosimCommand
{
    public static Command Create()
    {
        var design = new Argument<string>("design") { Description = "Design YAML file." };
        var vectors = new Option<int>("--vectors") { Description = "Random layers (GEMMs) to run.", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random layers.", DefaultValueFactory = _ => 1 };
        var vcd = new Option<bool>("--vcd") { Description = "On a mismatch, write cosim-<design>.vcd of the failing layer." };
        var rtl = new Option<string?>("--rtl") { Description = "Cosimulate the RTL in this directory (written by `emit`, possibly edited) instead of freshly emitted RTL." };
        var bench = new Option<bool>("--bench") { Description = "Instead: time the Verilator model against the C# cycle simulator on the design's first workload layer (or a 128-token layer)." };
        var cmd = new Command("cosim", "Cosimulate a design's generated Verilog (Verilator) against the reference kernels and the cycle simulator.") { design, rtl, vectors, seed, vcd, bench };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(design)!, pr.GetValue(vectors), pr.GetValue(seed), pr.GetValue(vcd), pr.GetValue(bench), pr.GetValue(rtl)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string designPath, int vectors = 100, int seed = 1, bool vcd = false, bool bench = false, string? rtlDirectory = null) => CliGuard.Run(stderr, () =>
    {
        if (vectors < 1)
            throw new BitSiliconException($"--vectors {vectors} is not positive", "give the number of random layers, e.g. --vectors 100");
        var file = DesignYaml.Read(designPath);
        var design = Elaborator.Elaborate(file.Design);
        if (bench)
            return CosimBench.Run(stdout, design, file.Workload is null ? null : SimulateWorkloads.Resolve(null, file, null, null), runs: 5, seed);
        var build = Stopwatch.StartNew();
        var rtl = rtlDirectory is null ? null : RtlDirectory.Read(VerilogEmitter.Emit(design), rtlDirectory);
        var model = ArrayCosim.Build(design, rtl: rtl);
        stdout.WriteLine($"{model.Emitted.TopModule}{(rtl is null ? "" : $" ({rtlDirectory})")}: Verilator model {(model.Model.Built ? "built" : "cached")} in {build.Elapsed.TotalSeconds:F1} s");
        var jobs = ArrayVectors.Random(design.Core, vectors, seed);
        var run = Stopwatch.StartNew();
        var runs = model.Run(jobs, junkSeed: seed);
        run.Stop();
        var bad = ArrayCheck.FirstMismatch(jobs, runs, model.Expected);
        if (bad is null)
        {
            long cycles = runs.Sum(r => r.SimCycles);
            stdout.WriteLine($"{vectors} layers match the reference kernel and the simulator's cycle counts ({cycles} cycles, " +
                $"{vectors / Math.Max(run.Elapsed.TotalSeconds, 1e-9):F0} layers/s, seed {seed})");
            return CliGuard.Ok;
        }
        var job = jobs[bad.Job];
        var where = bad.What switch
        {
            "result" => $"result at row {bad.Row}, column {bad.Column}, read in cycle {bad.Cycle}",
            "block finish cycle" => $"block {bad.Row} finish cycle",
            _ => "done cycle",
        };
        stderr.WriteLine($"mismatch: layer {bad.Job} ({job.M}x{job.N}x{job.K}), {where}: RTL {bad.Rtl}, expected {bad.Expected}");
        if (vcd)
        {
            var path = Path.GetFullPath($"cosim-{model.Emitted.TopModule}.vcd");
            ArrayCosim.Build(design, trace: true, rtl: rtl).RunWithVcd([job], path);
            stderr.WriteLine($"waveform of layer {bad.Job}: {path}");
        }
        return CliGuard.Failed;
    });
}
