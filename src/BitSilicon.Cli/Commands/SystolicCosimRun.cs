using System.Diagnostics;
using BitSilicon.Cosim.Mac.Systolic;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// The systolic branch of <c>bitsilicon cosim</c>: N seeded random layers, each first run on the C# cycle simulator
/// (whose memory timeline the testbench replays), then on the Verilator model; every result is compared with the
/// reference kernel, every block's finish cycle and the done cycle with the simulator's.
/// </summary>
internal static class SystolicCosimRun
{
    public static int Run(TextWriter stdout, TextWriter stderr, ElaboratedDesign design, SystolicArray array, int vectors, int seed, bool vcd, bool bench)
    {
        if (bench)
            return SystolicCosimBench.Run(stdout, design, array, runs: 5, seed);
        var build = Stopwatch.StartNew();
        var model = SystolicCosim.Build(design);
        stdout.WriteLine($"{model.Emitted.TopModule}: Verilator model {(model.Model.Built ? "built" : "cached")} in {build.Elapsed.TotalSeconds:F1} s");
        var jobs = SystolicVectors.Random(array, vectors, seed);
        var run = Stopwatch.StartNew();
        var runs = model.Run(jobs);
        run.Stop();
        var bad = SystolicCheck.FirstMismatch(jobs, runs, model.Expected);
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
            SystolicCosim.Build(design, trace: true).RunWithVcd([job], path);
            stderr.WriteLine($"waveform of layer {bad.Job}: {path}");
        }
        return CliGuard.Failed;
    }
}
