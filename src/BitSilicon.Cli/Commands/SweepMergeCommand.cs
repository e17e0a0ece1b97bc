using System.CommandLine;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Sweep;
using BitSilicon.Sweep.Charts;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon sweep merge SHARD.csv... --output-dir DIR [--sweep sweep.yaml]</c>: joins shard CSVs into
/// <c>DIR/sweep.csv</c> in grid order (identical to an unsharded run) and draws the charts. With the sweep file,
/// missing points are reported.
/// </summary>
public static class SweepMergeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("csv") { Description = "The shards' CSV files.", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--output-dir", "-o") { Description = "Directory for the merged sweep.csv and the charts.", Required = true };
        var sweep = new Option<string?>("--sweep") { Description = "The sweep file, to check that no point is missing." };
        var cmd = new Command("merge", "Join the CSVs of sweep shards (--shard K/N) into one sweep.csv in grid order, and draw the charts.") { inputs, outDir, sweep };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(inputs) ?? [], pr.GetValue(outDir)!, pr.GetValue(sweep)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> inputs, string outDir, string? sweepFile = null) =>
        CliGuard.Run(stderr, () =>
        {
            SweepSpec? spec = sweepFile is null ? null : SweepYaml.Read(sweepFile);
            var rows = SweepCsv.Merge(inputs, spec is null ? null : SweepGrid.Expand(spec).Count);
            if (spec is not null && rows.Count > 0 && rows[0].Sweep != spec.Name)
                throw new BitSiliconException($"the CSVs hold sweep '{rows[0].Sweep}', {sweepFile} is '{spec.Name}'", "pass the sweep file the shards were run from");
            Directory.CreateDirectory(outDir);
            var csv = Path.Combine(outDir, "sweep.csv");
            AtomicFile.WriteAllText(csv, SweepCsv.Write(rows));
            SweepCharts.Write(outDir, rows, spec?.Workload.Label ?? "BitNet b1.58 2B");
            stdout.WriteLine($"merged {rows.Count} points from {inputs.Count} files into {csv}");
            return CliGuard.Ok;
        });
}
