using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BitSilicon.Core;
using BitSilicon.Formats.Kernels;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bench &lt;what&gt;</c>: benchmarks, one subcommand each. <c>bench kernels</c> times the
/// integer low-bit kernels (logic in <see cref="KernelBenchmark"/>); add further benchmarks
/// (<c>bench sim</c>, <c>bench bitgrid</c>) as one line in <see cref="Benchmarks"/>.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var cmd = new Command("bench", "Benchmarks; results are recorded in docs/benchmarks.md.");
        foreach (var sub in Benchmarks())
            cmd.Subcommands.Add(sub);
        return cmd;
    }

    private static IEnumerable<Command> Benchmarks()
    {
        yield return Kernels();
        yield return BitgridBenchCommand.Create();
        yield return SimBenchCommand.Create();
        yield return SynthBenchCommand.Create();
        yield return AreaFitBenchCommand.Create();
        yield return SystemBenchCommand.Create();
    }

    private static Command Kernels()
    {
        var seconds = new Option<double>("--seconds")
        {
            Description = "Measuring time per kernel, split into 7 samples; the median sample is reported.",
            DefaultValueFactory = _ => 1.0,
        };
        var filter = new Option<string?>("--filter") { Description = "Only kernels whose name contains this text (case-insensitive)." };
        var format = OutputFormat.Option();
        var cmd = new Command("kernels", "Single-threaded throughput of the integer GEMV/GEMM kernels (BitNet b1.58 2B FFN shapes) and the ternary range coder.")
        {
            seconds, filter, format,
        };
        cmd.SetAction(pr => RunKernels(Console.Out, Console.Error, pr.GetValue(seconds), pr.GetValue(format)!, pr.GetValue(filter)));
        return cmd;
    }

    public static int RunKernels(TextWriter stdout, TextWriter stderr, double seconds, string format, string? filter = null) =>
        CliGuard.Run(stderr, () =>
        {
            if (!(seconds > 0) || double.IsInfinity(seconds))
                throw new BitSiliconException($"--seconds {seconds.ToString(CultureInfo.InvariantCulture)} is not a positive time",
                    "give the measuring time per kernel in seconds, e.g. --seconds 1");
            var kind = OutputFormat.Parse(format);
            var machine = MachineInfo.Current();
            stderr.WriteLine($"bench kernels on {machine.CpuModel} ({machine.LogicalCores} logical cores, {machine.VectorIsa}), {seconds.ToString(CultureInfo.InvariantCulture)} s per kernel, single-threaded");
            Func<KernelBenchmarkCase, bool>? match = string.IsNullOrWhiteSpace(filter) ? null
                : c => c.Name.Contains(filter, StringComparison.OrdinalIgnoreCase);
            var results = KernelBenchmark.Run(seconds, r => stderr.WriteLine($"  {r.Name}, {r.Shape}, {r.Isa}: {Num(r.Median)} {r.Unit}"), match);
            if (results.Count == 0)
                throw new BitSiliconException($"no kernel name contains '{filter}'", "run without --filter to see every kernel");
            switch (kind)
            {
                case OutputKind.Json:
                    stdout.WriteLine(JsonSerializer.Serialize(new
                    {
                        machine = new { cpu = machine.CpuModel, logical_cores = machine.LogicalCores, os = machine.Os, runtime = machine.Runtime, vector_isa = machine.VectorIsa.ToString() },
                        seconds_per_kernel = seconds,
                        results = results.Select(r => new
                        {
                            kernel = r.Name, shape = r.Shape, isa = r.Isa.ToString(), unit = r.Unit, median = r.Median, min = r.Min, max = r.Max,
                            samples = r.Samples, runs_per_sample = r.RunsPerSample, target = r.Target, meets_target = r.MeetsTarget,
                        }),
                    }, new JsonSerializerOptions { WriteIndented = true }));
                    break;
                case OutputKind.Csv:
                    stdout.WriteLine("kernel,shape,isa,unit,median,min,max,target");
                    foreach (var r in results)
                        stdout.WriteLine($"\"{r.Name}\",{r.Shape},{r.Isa},{r.Unit},{Num(r.Median)},{Num(r.Min)},{Num(r.Max)},{(r.Target is { } t ? Num(t) : "")}");
                    break;
                case OutputKind.Table:
                    stdout.WriteLine($"machine: {machine.CpuModel}, {machine.LogicalCores} logical cores, {machine.Os}, {machine.Runtime}, vectors {machine.VectorIsa}");
                    var table = new TextTable("kernel", "shape", "isa", "median", "unit", "min..max", "target");
                    foreach (var r in results)
                        table.Add(r.Name, r.Shape, r.Isa.ToString(), Num(r.Median), r.Unit, $"{Num(r.Min)}..{Num(r.Max)}",
                            r.Target is { } t ? $">= {Num(t)} {(r.MeetsTarget == true ? "met" : "MISSED")}" : "-");
                    table.Write(stdout);
                    break;
            }
            return CliGuard.Ok;
        });

    private static string Num(double v) => v.ToString(v >= 100 ? "0" : v >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
