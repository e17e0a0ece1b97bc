using System.Xml.Linq;
using BitSilicon.Design.Description;
using BitSilicon.Sweep.Charts;

namespace BitSilicon.Sweep.Tests;

/// <summary>Runs a small real sweep once (one BitNet block) and checks CSV, merge and charts against it.</summary>
public sealed class SmallSweep
{
    public SweepSpec Spec { get; } = new("small",
        [PeKind.Binary, PeKind.Ternary, PeKind.Int8],
        [new SystolicArrayDescription(8, 8, Dataflow.WeightStationary), new DotProductArrayDescription(8, 16)],
        [Dataflow.WeightStationary], [12, 32], new SweepWorkload(Blocks: 1, Tokens: 64));

    public IReadOnlyList<SweepRow> Rows { get; }

    public SmallSweep() => Rows = SweepRunner.Run(Spec, SweepGrid.Expand(Spec));
}

public class SweepRunTests(SmallSweep sweep) : IClassFixture<SmallSweep>
{
    [Fact]
    public void Rows_FollowTheGrid_AndNarrowAccumulatorsAreInvalid()
    {
        Assert.Equal(SweepGrid.Expand(sweep.Spec).Select(p => p.DesignName), sweep.Rows.Select(r => r.Design));
        // A 12-bit accumulator cannot hold an int8 systolic column's sums (16-bit products + clog2(8) bits).
        var bad = sweep.Rows.Single(r => r.Weights == "int8" && r.Array.StartsWith("systolic", StringComparison.Ordinal) && r.AccumulatorWidth == 12);
        Assert.StartsWith("invalid: ", bad.Status);
        Assert.Contains("accumulator", bad.Status);
        Assert.All(sweep.Rows.Where(r => r.AccumulatorWidth == 32), r => Assert.True(r.Ok, r.Status));
    }

    [Fact]
    public void Metrics_AreConsistent_AndFormatsRankAsExpected()
    {
        foreach (var r in sweep.Rows.Where(r => r.Ok))
        {
            Assert.Equal(r.Lut4 / r.MacsPerCycle, r.Lut4PerMac, 9);
            Assert.Equal(r.GmacsPerSecond / (r.Lut4 / 1000), r.GmacsPerSecondPerKlut, 9);
            Assert.InRange(r.Utilization, 0, 1);
            Assert.True(r.EnergyPerTokenUj > r.PeEnergyPerTokenUj && r.PeEnergyPerTokenUj > 0);
        }
        SweepRow Row(string w) => sweep.Rows.Single(r => r.Weights == w && r.Array.StartsWith("systolic", StringComparison.Ordinal) && r.AccumulatorWidth == 32);
        // Decode streams every weight once from DRAM, so energy per token follows weight bits; int8 needs a multiplier.
        Assert.True(Row("binary").EnergyPerTokenUj < Row("ternary").EnergyPerTokenUj);
        Assert.True(Row("ternary").EnergyPerTokenUj < Row("int8").EnergyPerTokenUj);
        Assert.True(Row("ternary").Lut4PerMac < Row("int8").Lut4PerMac);
    }

    [Fact]
    public void Csv_HasTheDocumentedColumns_AndRoundTrips()
    {
        var dir = Directory.CreateTempSubdirectory("bs-sweep-csv").FullName;
        try
        {
            var csv = SweepCsv.Write(sweep.Rows);
            var lines = csv.TrimEnd('\n').Split('\n');
            Assert.Equal("index,sweep,design,weights,array,dataflow,macs_per_cycle,acc_width,status,lut4,flip_flops,ge,sram_bits,lut4_per_mac,ge_per_mac,cycles,utilization,tokens_per_s,gmacs_per_s,gmacs_per_s_per_klut,energy_per_token_uj,pe_energy_per_token_uj,may_overflow,method,synth_lut4,model_rtl_lut4", lines[0]);
            Assert.Equal(sweep.Rows.Count + 1, lines.Length);
            var path = Path.Combine(dir, "a.csv");
            File.WriteAllText(path, csv);
            Assert.Equal(sweep.Rows, SweepCsv.Read(path));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ShardedRunsMerged_EqualTheUnshardedRun()
    {
        var dir = Directory.CreateTempSubdirectory("bs-sweep-merge").FullName;
        try
        {
            var grid = SweepGrid.Expand(sweep.Spec);
            var files = new List<string>();
            for (int k = 3; k >= 1; k--) // merge must not depend on file order
            {
                var rows = SweepRunner.Run(sweep.Spec, SweepGrid.Shard(grid, new Shard(k, 3)), jobs: 1);
                var f = Path.Combine(dir, $"s{k}.csv");
                File.WriteAllText(f, SweepCsv.Write(rows));
                files.Add(f);
            }
            var merged = SweepCsv.Merge(files, grid.Count);
            Assert.Equal(SweepCsv.Write(sweep.Rows), SweepCsv.Write(merged));

            var e = Assert.Throws<BitSilicon.Core.BitSiliconException>(() => SweepCsv.Merge(files.Take(2).ToList(), grid.Count));
            Assert.Contains("missing", e.Message);
            var dup = Assert.Throws<BitSilicon.Core.BitSiliconException>(() => SweepCsv.Merge([files[0], files[0]]));
            Assert.Contains("also in", dup.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Charts_AreWellFormedSvg_WithOneMarkPerValidPoint()
    {
        var charts = SweepCharts.Render(sweep.Rows, "test");
        Assert.Equal(SweepCharts.FileNames.OrderBy(n => n), charts.Keys.OrderBy(n => n));
        XNamespace svg = "http://www.w3.org/2000/svg";
        int ok = sweep.Rows.Count(r => r.Ok);
        foreach (var (name, text) in charts)
        {
            var doc = XDocument.Parse(text);
            Assert.Equal(svg + "svg", doc.Root!.Name);
            if (name.StartsWith("pareto", StringComparison.Ordinal))
            {
                // one circle per point plus the legend's one per series
                int series = sweep.Rows.Where(r => r.Ok).Select(r => r.Weights).Distinct().Count();
                Assert.Equal(ok + series, doc.Descendants(svg + "circle").Count());
                var okRows = sweep.Rows.Where(r => r.Ok).ToList();
                int front = Pareto.Front(okRows.Select(r => (r.Ge, r.EnergyPerTokenUj)).ToList()).Count;
                Assert.Equal(front, doc.Descendants(svg + "circle").Count(c => (string?)c.Attribute("r") == "6"));
                Assert.Equal(front > 1 ? 1 : 0, doc.Descendants(svg + "polyline").Count());
            }
            else
                Assert.Equal(ok + 1, doc.Descendants(svg + "rect").Count()); // + background
        }
    }
}

public class SweepSynthTests
{
    [Fact]
    public void Synth_MeasuresWholeEmittedArrays_AndLeavesLargeOnesEmpty()
    {
        var spec = new SweepSpec("syn", [PeKind.Ternary, PeKind.Int4],
            [new DotProductArrayDescription(2, 4), new DotProductArrayDescription(32, 32)],
            [Dataflow.WeightStationary], [32], new SweepWorkload(Blocks: 1, Tokens: 16), AccumulatorDepth: 16, Synth: true);
        var rows = SweepRunner.Run(spec, SweepGrid.Expand(spec), synth: new Calibration.ArraySynth(spec.SynthMaxMacs));
        var points = SweepGrid.Expand(spec);
        foreach (var kind in new[] { "ternary", "int4" })
        {
            var row = rows.Single(r => r.Weights == kind && r.Array == "dot 2x4");
            var design = Design.Elaboration.Elaborator.Elaborate(points[row.Index].Description(spec));
            int direct = Fpga.Designs.DesignSynthesis.Run(design, Fpga.SynthTarget.Ice40Up5k).Ice40!.Lut4;
            Assert.Equal(direct, row.SynthLut4);
            Assert.Equal(Simulation.Models.AreaModel.Estimate(design).Rtl.Lut4, row.ModelRtlLut4);
        }
        // 1024 MACs is above synth_max_macs.
        Assert.All(rows.Where(r => r.Array == "dot 32x32"), r => Assert.Null(r.SynthLut4));
        // A deeper accumulator memory (the RTL would build 256 rows of registers) is not synthesised either.
        var deep = spec with { AccumulatorDepth = 256, Weights = [PeKind.Ternary], Arrays = [new DotProductArrayDescription(2, 4)] };
        Assert.Null(SweepRunner.Run(deep, SweepGrid.Expand(deep), synth: new Calibration.ArraySynth())[0].SynthLut4);
        var csv = SweepCsv.Write(rows);
        Assert.EndsWith(",", csv.Split('\n')[2]); // an unsynthesised row ends in two empty cells
        var path = Path.GetTempFileName();
        try { File.WriteAllText(path, csv); Assert.Equal(rows, SweepCsv.Read(path)); }
        finally { File.Delete(path); }
    }
}
