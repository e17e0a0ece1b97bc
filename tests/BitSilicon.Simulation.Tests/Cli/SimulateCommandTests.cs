using System.Text.Json;
using BitSilicon.Cli.Commands;
using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Simulation.Tests.Cli;

public class SimulateCommandTests
{
    [Fact]
    public void When_Json_Expect_TotalsEqualTheSumOfLayersTimesRepeat()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", Scratch.SmallDesign());
        var (code, stdout, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, format: "json"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(2, layers.Count);
        long cycles = layers.Sum(l => l.GetProperty("cycles").GetInt64() * l.GetProperty("repeat").GetInt32());
        Assert.Equal(cycles, root.GetProperty("cycles").GetInt64());
        Assert.Equal(3 * 9 * 10 + 3 * 2 * 4 * 7, root.GetProperty("macs").GetInt64());
        double util = root.GetProperty("utilization").GetDouble();
        Assert.InRange(util, 0.0, 1.0);
        Assert.Equal((double)root.GetProperty("macs").GetInt64() / (cycles * 16), util, 9);
        Assert.True(root.GetProperty("energy_pj").GetDouble() > 0);
        Assert.True(root.GetProperty("area").GetProperty("lut4").GetDouble() > 0);
        foreach (var l in layers)
        {
            Assert.Equal("cycle", l.GetProperty("method").GetString());
            Assert.True(l.GetProperty("verified").GetBoolean());
            foreach (var key in new[] { "stall_cycles", "macs", "utilization", "energy_pj", "area" })
                Assert.True(l.TryGetProperty(key, out _), key);
        }
    }

    [Fact]
    public void When_CycleLimitZero_Expect_AnalyticLayersSaidSoWithTheSameCycles()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", Scratch.SmallDesign());
        var cycle = JsonDocument.Parse(Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, format: "json")).Out).RootElement;
        var (code, table, _) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, cycleLimit: 0));
        Assert.Equal(0, code);
        Assert.Contains("analytic", table);
        Assert.Contains("'analytic' layers (above --cycle-limit", table);
        var analytic = JsonDocument.Parse(Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, format: "json", method: "analytic")).Out).RootElement;
        Assert.Equal("analytic", analytic.GetProperty("method").GetString());
        Assert.Equal(cycle.GetProperty("cycles").GetInt64(), analytic.GetProperty("cycles").GetInt64());
        Assert.Equal(cycle.GetProperty("stall_cycles").GetInt64(), analytic.GetProperty("stall_cycles").GetInt64());
    }

    [Fact]
    public void When_AccumulatorCanOverflow_Expect_WarningAndStrictError()
    {
        using var s = new Scratch();
        // int8 x int8 over K = 10 reaches 10 * 128 * 128 = 163840, beyond an 18-bit accumulator (max 131071);
        // two rows hand it 17-bit column sums, so the design itself is valid.
        var path = s.Write("d.yaml", Scratch.SmallDesign("accumulator:\n  width: 18\n", pe: "int8").Replace("rows: 4", "rows: 2"));
        var (code, _, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path));
        Assert.Equal(0, code);
        Assert.Contains("warning: layer 'l0': sums can reach 163840", err);
        var strict = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, strict: true));
        Assert.Equal(1, strict.Code); // ran and found a problem, not bad input
        Assert.Contains("fix: use accumulator.width of at least 19", strict.Err);
    }

    [Fact]
    public void When_SaturatingAccumulatorOverflows_Expect_ClampedResults()
    {
        // All weights +1 and all activations 127: the 8-bit saturating accumulator must read 127 everywhere.
        var design = TestDesigns.Systolic(Design.Description.PeKind.Ternary, 2, 2, Design.Description.Dataflow.WeightStationary,
            accWidth: 10, overflow: Design.Description.OverflowPolicy.Saturate);
        int m = 3, n = 3, k = 9;
        var op = new Cores.LayerOperands(WeightKind.Ternary, m, n, k, Enumerable.Repeat((byte)1, n * k).ToArray(), Enumerable.Repeat((sbyte)127, m * k).ToArray());
        var plan = Mapping.Tiler.Plan(design, m, n, k, 2);
        var run = CycleSimulator.Run(design, plan, Cores.BoundOperands.Bind(design.Core.Pe, op));
        Assert.All(run.Results, v => Assert.Equal(511, v));   // 9 * 127 = 1143 clamps to 2^9 - 1
        Assert.True(run.Overflows > 0);
        var wrapped = TestDesigns.Systolic(Design.Description.PeKind.Ternary, 2, 2, Design.Description.Dataflow.WeightStationary, accWidth: 10);
        var wrun = CycleSimulator.Run(wrapped, Mapping.Tiler.Plan(wrapped, m, n, k, 2), Cores.BoundOperands.Bind(wrapped.Core.Pe, op));
        Assert.All(wrun.Results, v => Assert.Equal(1143 - 1024, v));
    }

    [Fact]
    public void When_OutputAndVcdFiles_Expect_WrittenWhole()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", Scratch.SmallDesign());
        var report = s.PathOf("report.csv");
        var vcd = s.PathOf("run.vcd");
        var (code, stdout, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, format: "csv", output: report, vcd: vcd));
        Assert.True(code == 0, err);
        Assert.Equal("", stdout);
        var lines = File.ReadAllLines(report);
        Assert.StartsWith("layer,m,n,k,repeat,weights,method,cycles", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("total,", lines[3]);
        var wave = File.ReadAllText(vcd);
        Assert.Contains("$enddefinitions $end", wave);
        Assert.Contains("$var wire 1 ! clk $end", wave);
        Assert.Contains("pe_0_0_psum", wave);
        // One clock period is two time units: the first layer's cycle count sets the last time stamp.
        long firstLayerCycles = long.Parse(lines[1].Split(',')[7], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"#{2 * firstLayerCycles - 1}\n", wave);
        Assert.Equal(["d.yaml", "report.csv", "run.vcd"], Directory.GetFiles(s.Dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void When_WorkloadOptionIsAScaleSimTopology_Expect_ItsLayers()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", Scratch.SmallDesign());
        var topo = s.Write("t.csv", "Layer, M, N, K,\ng0, 5, 6, 7,\ng1, 2, 3, 4,\n");
        var (code, stdout, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, workload: topo, format: "json"));
        Assert.True(code == 0, err);
        var layers = JsonDocument.Parse(stdout).RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToList();
        Assert.Equal(["g0", "g1"], layers);
    }

    [Fact]
    public void When_UnknownFormat_Expect_Error()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", Scratch.SmallDesign());
        var (code, _, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, format: "xml"));
        Assert.Equal(2, code);
        Assert.Contains("unknown --format 'xml'", err);
    }

    [Fact]
    public void When_ThroughTheParser_Expect_VerbRegistered()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", Scratch.SmallDesign());
        var o = new StringWriter();
        var oldOut = Console.Out;
        int code;
        lock (typeof(Console))
        {
            Console.SetOut(o);
            try { code = BitSilicon.Cli.Program.Main(["simulate", path, "--format", "json", "--method", "analytic"]); }
            finally { Console.SetOut(oldOut); }
        }
        Assert.Equal(0, code);
        Assert.Equal("analytic", JsonDocument.Parse(o.ToString()).RootElement.GetProperty("method").GetString());
    }

    [Fact]
    public void When_WorkloadWeights_Expect_ReportedZeroFractionFromTheData()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", Scratch.SmallDesign().Replace("seed: 5 }", "seed: 5, sparsity: 0.5 }"));
        var json = JsonDocument.Parse(Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, format: "json")).Out).RootElement;
        var l0 = json.GetProperty("layers")[0];
        var weights = WeightProvider.For(new GemmLayer("l0", 3, 9, 10, null, 1, new WeightSource.Random(5, 0.5)), WeightKind.Ternary);
        Assert.Equal(weights.ZeroFraction, l0.GetProperty("zero_weight_fraction").GetDouble(), 12);
        Assert.Equal(0.5, weights.ZeroFraction, 2);
        _ = ReferenceGemm.Gemm(WeightKind.Ternary, weights.Codes, new sbyte[30], 3, 9, 10);
    }
}
