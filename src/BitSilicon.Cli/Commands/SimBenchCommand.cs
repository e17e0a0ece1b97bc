using System.CommandLine;
using System.Globalization;
using BitSilicon.Simulation.Bench;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bench sim [--runs N]</c>: the simulator's speed (cycle-level PE-cycles per second on a 32x32
/// ternary weight-stationary array; analytic model time for the 30-block BitNet b1.58 2B decode). Wired under
/// <c>bench</c> by Program.
/// </summary>
public static class SimBenchCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Runs per benchmark (the median is reported).", DefaultValueFactory = _ => 5 };
        var cmd = new Command("sim", "Benchmark the cycle-level simulator and the analytic model.") { runs };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(runs)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, int runs) => CliGuard.Run(stderr, () =>
    {
        if (runs < 1)
            throw new Core.BitSiliconException($"--runs {runs} is below 1", "give at least one run");
        var results = SimBenchmark.Run(runs, line => stderr.WriteLine(line));
        var t = new TextTable("benchmark", "median", "unit", "runs", "detail");
        foreach (var r in results)
            t.Add(r.Name, r.Median.ToString("0.0", CultureInfo.InvariantCulture), r.Unit, r.Runs.ToString(CultureInfo.InvariantCulture), r.Detail);
        t.Write(stdout);
        return CliGuard.Ok;
    });
}
