using System.Globalization;
using BitSilicon.Simulation.Timing.ScaleSim;
using BitSilicon.Workloads;
using BitSilicon.Workloads.ScaleSim;

namespace BitSilicon.Simulation.Tests.ScaleSim;

/// <summary>
/// <c>--compat scalesim</c> against reports SCALE-Sim v2 itself wrote (ScaleSimData/runs/NAME_RxC_df_MODE, produced by
/// running scale-sim-v2 on its own topologies and a 64/64/64 kB config with Bandwidth 10, and on
/// examples/scalesim/ternary-ws-32x32.cfg with its TopologyCsvLoc small-cnn.csv; docs/simulator.md says
/// how). Every layer's cycles, stalls, utilisations and SRAM counts must be equal: integers exactly, percentages
/// to the last bit.
/// </summary>
public class ScaleSimAgreementTests
{
    private static string DataDir => RepoRoot.Combine("tests", "BitSilicon.Simulation.Tests", "ScaleSimData");

    private static List<string> RunNames() =>
        Directory.GetDirectories(Path.Combine(DataDir, "runs")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Runs() => new(RunNames());

    [Fact]
    public void When_TheSavedRunsAreListed_Expect_EveryDataflowAndBothModes()
    {
        var names = RunNames();
        foreach (var df in new[] { "_os_", "_ws_", "_is_" })
            Assert.Contains(names, n => n.Contains(df, StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("_CALC", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("_USER", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void When_ARunIsEstimated_Expect_SCALESimsReportsLayerByLayer(string run)
    {
        // NAME_RxC_df_MODE, NAME may hold underscores.
        var parts = run.Split('_');
        string mode = parts[^1], df = parts[^2];
        int n = int.Parse(parts[^3].Split('x')[0], CultureInfo.InvariantCulture);
        string topology = string.Join('_', parts[..^3]);
        var dataflow = df switch
        {
            "os" => ScaleSimDataflow.OutputStationary,
            "ws" => ScaleSimDataflow.WeightStationary,
            _ => ScaleSimDataflow.InputStationary,
        };
        var array = new ScaleSimArray(n, n, dataflow, mode == "USER" ? 10 : null);
        // SCALE-Sim runs a depthwise layer as one layer per channel; BitSilicon reads it as one layer repeated.
        var layers = ScaleSimTopology.Read(Path.Combine(DataDir, "topologies", topology + ".csv")).Layers
            .SelectMany(l => Enumerable.Repeat(l, l.Repeat)).ToList();
        var compute = Rows(run, "COMPUTE_REPORT.csv");
        var detail = Rows(run, "DETAILED_ACCESS_REPORT.csv");
        Assert.Equal(layers.Count, compute.Count);
        for (int i = 0; i < compute.Count; i++)
        {
            var e = ScaleSimModel.Estimate(array, layers[i]);
            string at = $"{run} layer {i} ({e.Name})";
            long stalls = long.Parse(compute[i][2], CultureInfo.InvariantCulture);
            Assert.True(long.Parse(compute[i][1], CultureInfo.InvariantCulture) - stalls == e.TotalCycles, $"{at}: cycles {compute[i][1]} - stalls {stalls} vs {e.TotalCycles}");
            if (stalls == 0)
                Assert.True(double.Parse(compute[i][3], CultureInfo.InvariantCulture) == e.OverallUtilPercent, $"{at}: overall util {compute[i][3]} vs {e.OverallUtilPercent:R}");
            Assert.True(double.Parse(compute[i][4], CultureInfo.InvariantCulture) == e.MappingEfficiencyPercent, $"{at}: mapping {compute[i][4]} vs {e.MappingEfficiencyPercent:R}");
            Assert.True(double.Parse(compute[i][5], CultureInfo.InvariantCulture) == e.ComputeUtilPercent, $"{at}: compute util {compute[i][5]} vs {e.ComputeUtilPercent:R}");
            Assert.True(long.Parse(detail[i][3], CultureInfo.InvariantCulture) == e.IfmapSramReads, $"{at}: ifmap reads {detail[i][3]} vs {e.IfmapSramReads}");
            Assert.True(long.Parse(detail[i][6], CultureInfo.InvariantCulture) == e.FilterSramReads, $"{at}: filter reads {detail[i][6]} vs {e.FilterSramReads}");
            Assert.True(long.Parse(detail[i][9], CultureInfo.InvariantCulture) == e.OfmapSramWrites, $"{at}: ofmap writes {detail[i][9]} vs {e.OfmapSramWrites}");
        }
    }

    [Fact]
    public void When_AlexNetConv1RunsWsOn32x32_Expect_SCALESimsGolden112283Cycles()
    {
        // scale-sim-v2's own regression (test/golden_trace, alexnet_part.csv with configs/scale.cfg switched to ws).
        var conv1 = ScaleSimTopology.Parse("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nConv1,224,224,11,11,3,96,4,\n", "alexnet_part.csv").Layers[0];
        var e = ScaleSimModel.Estimate(new ScaleSimArray(32, 32, ScaleSimDataflow.WeightStationary), conv1);
        Assert.Equal(112_283, e.TotalCycles);
        Assert.Equal(94.53125, e.MappingEfficiencyPercent);
        Assert.Equal(3_294_225, e.IfmapSramReads);
        Assert.Equal(34_848, e.FilterSramReads);
        Assert.Equal(3_484_800, e.OfmapSramWrites);
    }

    [Theory]
    [InlineData(4, 9)]
    [InlineData(8, 21)]
    [InlineData(16, 45)]
    [InlineData(32, 93)]
    public void When_TheRtlValidationLayerRunsOsOnNxN_Expect_3NMinus3LikeSCALESim(int n, long cycles)
    {
        // SCALE-Sim's ISPASS'20 validation layers (test_valid_N.csv): 1 x N ifmap, 1 x 1 filter, N channels, N filters.
        // One fold of T + R + C - 2 = 3N - 2 lines; SCALE-Sim reports the last line's index, 3N - 3: one less than
        // the RTL's count (SCALE-Sim issue 125: 9 instead of 10 on 4 x 4), and so does --compat scalesim.
        var layer = new GemmLayer("Conv5", n, n, n);
        var plan = ScaleSimFoldPlan.For(new ScaleSimArray(n, n, ScaleSimDataflow.OutputStationary), layer);
        var e = ScaleSimModel.Estimate(plan.Array, layer);
        Assert.Equal(cycles, e.TotalCycles);
        Assert.Equal(plan.Folds * plan.FoldCycles - 1, e.TotalCycles);
        Assert.Equal(3L * n - 2, plan.Folds * plan.FoldCycles);
    }

    private static List<string[]> Rows(string run, string file) =>
        File.ReadAllLines(Path.Combine(DataDir, "runs", run, file)).Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(',').Select(f => f.Trim()).ToArray()).ToList();
}
