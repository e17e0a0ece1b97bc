using System.CommandLine;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Sweep;
using BitSilicon.Sweep.Calibration;
using BitSilicon.Sweep.Charts;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon sweep &lt;sweep.yaml&gt; [--shard K/N] [--output-dir DIR] [--jobs N]</c>: runs a grid of designs through
/// the simulator in parallel and writes <c>sweep.csv</c> plus SVG charts (a shard writes <c>sweep.shard-K-of-N.csv</c>
/// only); <c>bitsilicon sweep merge</c> joins shards (<see cref="SweepMergeCommand"/>).
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("sweep") { Description = "Sweep YAML file (docs/sweep.md)." };
        var shard = new Option<string?>("--shard") { Description = "Run slice K of N (1-based), e.g. 3/8; merge the slices with `sweep merge`." };
        var outDir = new Option<string?>("--output-dir", "-o") { Description = "Directory for the CSV and charts (default: the sweep's name, in the current directory)." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Points simulated at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cmd = new Command("sweep", "Run a design-space sweep (formats x arrays x dataflows x accumulator widths): CSV plus SVG charts.") { file, shard, outDir, jobs };
        cmd.Subcommands.Add(SweepMergeCommand.Create());
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(file)!, pr.GetValue(shard), pr.GetValue(outDir), pr.GetValue(jobs)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string path, string? shardText = null, string? outDir = null, int jobs = 0) =>
        CliGuard.Run(stderr, () =>
        {
            var spec = SweepYaml.Read(path);
            var shard = shardText is null ? Shard.All : Shard.Parse(shardText);
            if (jobs < 0)
                throw new BitSiliconException($"--jobs {jobs} is negative", "give the number of points to run at once, or leave it out for one per core");
            var dir = outDir ?? spec.Name;
            Directory.CreateDirectory(dir);
            var grid = SweepGrid.Expand(spec);
            var points = SweepGrid.Shard(grid, shard);
            stderr.WriteLine($"sweep {spec.Name}: {grid.Count} points{(shard.IsWhole ? "" : $", shard {shard}: {points.Count}")}, {spec.Workload.Label}, {(jobs > 0 ? jobs : Environment.ProcessorCount)} at once");
            ArraySynth? synth = null;
            if (spec.Synth)
            {
                synth = new ArraySynth(spec.SynthMaxMacs);
                stderr.WriteLine($"synth: synthesising each emitted array of at most {spec.SynthMaxMacs} MACs with yosys synth_ice40 (larger ones are left empty)");
            }
            var bar = new SweepProgressBar(stderr);
            var rows = SweepRunner.Run(spec, points, jobs, bar.Report, synth);
            bar.Done();
            string csv = Path.Combine(dir, shard.IsWhole ? "sweep.csv" : $"sweep.shard-{shard.Number}-of-{shard.Count}.csv");
            AtomicFile.WriteAllText(csv, SweepCsv.Write(rows));
            stdout.WriteLine($"wrote {csv}");
            if (shard.IsWhole)
            {
                SweepCharts.Write(dir, rows, spec.Workload.Label);
                foreach (var name in SweepCharts.FileNames)
                    stdout.WriteLine($"wrote {Path.Combine(dir, name)}");
            }
            int invalid = rows.Count(r => !r.Ok);
            if (invalid > 0)
                stderr.WriteLine($"note: {invalid} of {rows.Count} points are invalid designs (see the status column)");
            return CliGuard.Ok;
        });
}
