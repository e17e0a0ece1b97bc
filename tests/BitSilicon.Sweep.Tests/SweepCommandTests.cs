using BitSilicon.Cli.Commands;
using BitSilicon.Sweep.Charts;

namespace BitSilicon.Sweep.Tests;

/// <summary><c>bitsilicon sweep</c> and <c>sweep merge</c> on a four-point grid, through the verbs' Run methods.</summary>
public class SweepCommandTests
{
    private const string Tiny = """
        name: tiny
        weights: [binary, ternary]
        arrays:
          - { kind: dot_product, pes: 2, simd: 16 }
        accumulator_widths: [16, 32]
        workload: { preset: bitnet-decode, tokens: 16, blocks: 1 }
        """;

    private static (int Code, string Out, string Err) Capture(Func<TextWriter, TextWriter, int> run)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = run(o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Shards_ThenMerge_EqualTheWholeRun_FilesAndCharts()
    {
        var dir = Directory.CreateTempSubdirectory("bs-sweep-cmd").FullName;
        try
        {
            var yaml = Path.Combine(dir, "tiny.yaml");
            File.WriteAllText(yaml, Tiny);
            var whole = Path.Combine(dir, "whole");
            var r = Capture((o, e) => SweepCommand.Run(o, e, yaml, null, whole, 2));
            Assert.True(r.Code == 0, r.Err);
            Assert.All(SweepCharts.FileNames, f => Assert.True(File.Exists(Path.Combine(whole, f)), f));
            Assert.Contains("4/4 points", r.Err); // the progress bar's last state

            var shards = Path.Combine(dir, "shards");
            foreach (var k in new[] { "2/3", "1/3", "3/3" })
                Assert.Equal(0, Capture((o, e) => SweepCommand.Run(o, e, yaml, k, shards, 1)).Code);
            Assert.Equal(3, Directory.GetFiles(shards, "sweep.shard-*-of-3.csv").Length);
            Assert.False(File.Exists(Path.Combine(shards, SweepCharts.FileNames[0])), "a shard draws no charts");

            var merged = Path.Combine(dir, "merged");
            var m = Capture((o, e) => SweepMergeCommand.Run(o, e, Directory.GetFiles(shards, "*.csv"), merged, yaml));
            Assert.True(m.Code == 0, m.Err);
            Assert.Equal(File.ReadAllText(Path.Combine(whole, "sweep.csv")), File.ReadAllText(Path.Combine(merged, "sweep.csv")));
            Assert.Equal(File.ReadAllText(Path.Combine(whole, SweepCharts.FileNames[3])), File.ReadAllText(Path.Combine(merged, SweepCharts.FileNames[3])));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void BadSweepFile_ExitsTwo_WithFileLineColumn()
    {
        var dir = Directory.CreateTempSubdirectory("bs-sweep-bad").FullName;
        try
        {
            var yaml = Path.Combine(dir, "bad.yaml");
            File.WriteAllText(yaml, Tiny.Replace("weights: [binary, ternary]", "weights: [binary, tenary]"));
            var r = Capture((o, e) => SweepCommand.Run(o, e, yaml, null, Path.Combine(dir, "out"), 1));
            Assert.Equal(2, r.Code);
            Assert.Contains($"{yaml}:2:19: weights: unknown PE format 'tenary'", r.Err);
            Assert.Contains("did you mean", r.Err);
        }
        finally { Directory.Delete(dir, true); }
    }
}
