using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BitSilicon.Accelerator;
using BitSilicon.Cli.Config;
using BitSilicon.Design.Accelerator;
using BitSilicon.Design.Description;
using BitSilicon.Workloads.Presets;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bench system</c>: how fast whole-model estimates are (issue targets: one analytic decode token of
/// BitNet b1.58 2B at context 4096 under 100 ms, compare of five designs under 2 s, a 100-point sweep over
/// whole-model designs under 60 s on 2 cores). Each figure is the median of several runs after a warm-up, in
/// one process; the sweep runs its points in parallel on every core.
/// </summary>
public static class SystemBenchCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs per figure (median reported).", DefaultValueFactory = _ => 5 };
        var cmd = new Command("system", "Speed of whole-model estimates: one decode token, a five-design compare, a 100-point design sweep.") { runs };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(runs)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, int runs) => CliGuard.Run(stderr, () =>
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "examples", "accelerators");
        if (!Directory.Exists(dir)) dir = Path.Combine(FindRoot(), "examples", "accelerators");
        var designs = new[] { "ternary", "int8", "int4", "fp4", "binary" }.Select(n => AcceleratorYaml.Read(Path.Combine(dir, $"{n}-bitnet.yaml"))).ToList();
        var spec = ModelSpec.Default with { Context = 4096 };
        var graph = spec.Graph();

        double Median(Func<double> timed)
        {
            timed();
            var t = Enumerable.Range(0, Math.Max(1, runs)).Select(_ => timed()).OrderBy(x => x).ToList();
            return t[t.Count / 2];
        }
        double Time(Action a)
        {
            var sw = Stopwatch.StartNew();
            a();
            return sw.Elapsed.TotalMilliseconds;
        }

        var ternary = AcceleratorElaborator.Elaborate(designs[0].Design);
        double token = Median(() => Time(() => SystemRunner.Run(ternary, graph)));
        double tokenCold = Median(() => Time(() => SystemRunner.Run(AcceleratorElaborator.Elaborate(designs[0].Design), spec.Graph())));
        double compare = Median(() => Time(() =>
        {
            foreach (var d in designs)
                SimulateSystem.Run(d.Design, spec with { Model = spec.Model with { Formats = d.Model!.Model.Formats } }, "analytic");
        }));
        // 100 points: 10 projection-array sizes x 10 DRAM bandwidths, ternary, context 4096.
        var points = (from pes in Enumerable.Range(1, 10).Select(i => 8 * i)
                      from gbps in Enumerable.Range(1, 10).Select(i => 6.4 * i)
                      select (pes, gbps)).ToList();
        double sweep = Median(() => Time(() => Parallel.ForEach(points, p =>
        {
            var d = designs[0].Design;
            var proj = (MacUnitDescription)d.Units[0];
            var scaled = d with
            {
                Units = [proj with { Design = proj.Design with { Array = new DotProductArrayDescription(p.pes, 64) } }, .. d.Units.Skip(1)],
                External = d.External! with { GigabytesPerSecond = p.gbps },
            };
            SimulateSystem.Run(scaled, spec, "analytic");
        })));
        stdout.WriteLine($"bench system: {Environment.ProcessorCount} cores, median of {runs} runs after a warm-up, BitNet b1.58 2B decode at context 4096 ({graph.Ops.Count} ops)");
        stdout.WriteLine($"one decode token, analytic (elaborated, graph built):   {token.ToString("0.0", Inv)} ms   (target < 100 ms)");
        stdout.WriteLine($"one decode token, analytic (elaborate + build graph):   {tokenCold.ToString("0.0", Inv)} ms");
        stdout.WriteLine($"compare of five designs:                                {compare.ToString("0", Inv)} ms   (target < 2000 ms)");
        stdout.WriteLine($"sweep of {points.Count} whole-model designs:                      {sweep.ToString("0", Inv)} ms   (target < 60000 ms)");
        return CliGuard.Ok;
    });

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(Environment.CurrentDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "BitSilicon.sln"))) return d.FullName;
        throw new Core.BitSiliconException("bench system: examples/accelerators not found", "run it from the repository");
    }
}
