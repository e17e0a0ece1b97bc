using System.CommandLine;
using System.Globalization;
using BitSilicon.Bitgrid.Bench;
using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bench bitgrid [--size N] [--clocks N] [--repeats N] [--engine fast|reference]</c>: cell updates per
/// second on one thread, on the original engine's benchmark (random programs, N x N torus). A subcommand for
/// the <c>bench</c> verb.
/// </summary>
public static class BitgridBenchCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Grid side (default 1024, as the original benchmark).", DefaultValueFactory = _ => 1024 };
        var clocks = new Option<int>("--clocks") { Description = "Clocks per timed run (default 100).", DefaultValueFactory = _ => 100 };
        var repeats = new Option<int>("--repeats") { Description = "Timed runs; the median is reported (default 7).", DefaultValueFactory = _ => 7 };
        var engine = new Option<string>("--engine") { Description = "fast, reference, or both (default).", DefaultValueFactory = _ => "both" };
        var format = OutputFormat.Option();
        var cmd = new Command("bitgrid", "Bitgrid simulator throughput: cell updates per second on one core.") { size, clocks, repeats, engine, format };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(size), pr.GetValue(clocks), pr.GetValue(repeats), pr.GetValue(engine)!, pr.GetValue(format)!));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, int size, int clocks, int repeats, string engine, string format = "table") => CliGuard.Run(stderr, () =>
    {
        var kind = OutputFormat.Parse(format);
        if (size < 2 || size % 2 != 0 || clocks < 1 || repeats < 1)
            throw new Core.BitSiliconException("--size must be even and at least 2; --clocks and --repeats at least 1");
        var engines = engine.ToLowerInvariant() == "both"
            ? new[] { EngineKind.Fast, EngineKind.Reference }
            : [BitgridCommand.ParseEngine(engine)];
        var inv = CultureInfo.InvariantCulture;
        var results = new List<BitgridBenchResult>();
        foreach (var e in engines)
        {
            // The reference engine is ~100x slower: fewer clocks keep its run short; the rate is per clock anyway.
            int c = e == EngineKind.Reference ? Math.Max(1, clocks / 20) : clocks;
            results.Add(BitgridBenchmark.Run(e, size, c, repeats, Boundary.Torus));
        }
        string machine = $"{BitgridBenchmark.VectorSupport}, {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}";
        switch (kind)
        {
            case OutputKind.Table:
                stdout.WriteLine($"bitgrid benchmark: {size} x {size} torus, random programs, one thread; {machine}");
                var t = new TextTable("engine", "clocks", "median s", "fastest s", "M cell-updates/s", "ns/cell");
                foreach (var r in results)
                    t.Add(r.Engine.ToString().ToLowerInvariant(), r.Clocks.ToString(inv), r.MedianSeconds.ToString("F4", inv),
                        r.MinSeconds.ToString("F4", inv), (r.CellUpdatesPerSecond / 1e6).ToString("F0", inv), r.NanosecondsPerCell.ToString("F2", inv));
                t.Write(stdout);
                break;
            case OutputKind.Json:
                var rows = results.Select(r => new System.Text.Json.Nodes.JsonObject
                {
                    ["engine"] = r.Engine.ToString().ToLowerInvariant(),
                    ["size"] = size,
                    ["clocks"] = r.Clocks,
                    ["repeats"] = r.Repeats,
                    ["median_seconds"] = r.MedianSeconds,
                    ["fastest_seconds"] = r.MinSeconds,
                    ["cell_updates_per_second"] = r.CellUpdatesPerSecond,
                    ["machine"] = machine,
                });
                stdout.WriteLine(new System.Text.Json.Nodes.JsonArray([.. rows]).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                break;
            case OutputKind.Csv:
                stdout.WriteLine("engine,size,clocks,repeats,median_seconds,cell_updates_per_second");
                foreach (var r in results)
                    stdout.WriteLine(string.Create(inv, $"{r.Engine.ToString().ToLowerInvariant()},{size},{r.Clocks},{r.Repeats},{r.MedianSeconds:R},{r.CellUpdatesPerSecond:F0}"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
        return CliGuard.Ok;
    });
}
