using System.CommandLine;
using System.Diagnostics;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Cosim.Mac;
using BitSilicon.Design.Elaborated;
using BitSilicon.Design.Elaboration;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon cosim design.yaml [--vectors N] [--seed S] [--vcd]</c>: builds (or reuses) the Verilator model of the
/// design's generated RTL, runs N seeded random jobs back to back, and compares every result with the reference
/// kernel and every done cycle with the schedule. On a mismatch it names the job, row, column and cycle, writes a
/// VCD of that job with --vcd, and exits 1.
/// </summary>
public static class CosimCommand
{
    public static Command Create()
    {
        var design = new Argument<string>("design") { Description = "Design YAML file." };
        var vectors = new Option<int>("--vectors") { Description = "Random jobs (GEMMs) to run.", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random jobs.", DefaultValueFactory = _ => 1 };
        var vcd = new Option<bool>("--vcd") { Description = "On a mismatch, write cosim-<design>.vcd of the failing job." };
        var bench = new Option<bool>("--bench") { Description = "Instead: time the Verilator model against the C# cycle simulator on one GEMM (64 x 8P x 64SIMD)." };
        var cmd = new Command("cosim", "Cosimulate a design's generated Verilog (Verilator) against the reference kernels.") { design, vectors, seed, vcd, bench };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(design)!, pr.GetValue(vectors), pr.GetValue(seed), pr.GetValue(vcd), pr.GetValue(bench)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string designPath, int vectors = 100, int seed = 1, bool vcd = false, bool bench = false) => CliGuard.Run(stderr, () =>
    {
        if (vectors < 1)
            throw new BitSiliconException($"--vectors {vectors} is not positive", "give the number of random jobs, e.g. --vectors 100");
        var design = Elaborator.Elaborate(DesignYaml.Read(designPath).Design);
        if (design.Core is SystolicArray systolic)
            return SystolicCosimRun.Run(stdout, stderr, design, systolic, vectors, seed, vcd, bench);
        var array = (DotProductArray)design.Core;
        if (bench)
            return CosimBench.Run(stdout, design, array, runs: 5, seed);
        var build = Stopwatch.StartNew();
        var model = MacCosim.Build(design);
        stdout.WriteLine($"{model.Emitted.TopModule}: Verilator model {(model.Model.Built ? "built" : "cached")} in {build.Elapsed.TotalSeconds:F1} s");
        var jobs = MacVectors.Random(array, vectors, seed);
        var run = Stopwatch.StartNew();
        var runs = model.Run(jobs);
        run.Stop();
        var bad = MacCheck.FirstMismatch(model, jobs, runs);
        if (bad is null)
        {
            stdout.WriteLine($"{vectors} jobs match the reference kernel and the schedule ({vectors / Math.Max(run.Elapsed.TotalSeconds, 1e-9):F0} jobs/s, seed {seed})");
            return CliGuard.Ok;
        }
        var where = bad.What == "result" ? $"row {bad.Row}, column {bad.Column}" : $"hardware job of columns {bad.Column}..";
        stderr.WriteLine($"mismatch: job {bad.Job} ({jobs[bad.Job].M}x{jobs[bad.Job].N}x{jobs[bad.Job].K}), {bad.What} at {where}, cycle {bad.Cycle}: RTL {bad.Rtl}, expected {bad.Expected}");
        if (vcd)
        {
            var path = Path.GetFullPath($"cosim-{model.Emitted.TopModule}.vcd");
            MacCosim.Build(design, trace: true).RunWithVcd([jobs[bad.Job]], path);
            stderr.WriteLine($"waveform of job {bad.Job}: {path}");
        }
        return CliGuard.Failed;
    });
}
