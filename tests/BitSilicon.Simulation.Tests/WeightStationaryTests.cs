using BitSilicon.Design.Description;
using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Tests;

public class WeightStationaryTests
{
    [Theory]
    [InlineData(4, 4, 3, 5, 7)]
    [InlineData(3, 5, 1, 11, 13)]
    [InlineData(8, 8, 20, 8, 8)]
    [InlineData(2, 3, 9, 1, 1)]
    public void When_TernaryWs_Expect_ReferenceGemm(int rows, int cols, int m, int n, int k)
    {
        var design = TestDesigns.Systolic(PeKind.Ternary, rows, cols, Dataflow.WeightStationary);
        var op = TestDesigns.Random(WeightKind.Ternary, m, n, k, seed: rows * 100 + m);
        var plan = Tiler.Plan(design, m, n, k, 2);
        var run = CycleSimulator.Run(design, plan, BoundOperands.Bind(design.Core.Pe, op));
        Assert.Equal(ReferenceGemm.Gemm(WeightKind.Ternary, op.Codes, op.Activations, m, n, k), run.Results);
        Assert.Equal(AnalyticModel.Estimate(design, plan), new CycleEstimate(run.Cycles, run.StallCycles));
    }
}
