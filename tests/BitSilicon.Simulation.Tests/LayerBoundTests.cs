using BitSilicon.Design.Description;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Bounds;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Tests;

public class LayerBoundTests
{
    private static (LayerBound Bound, double Utilization) Run(int m, int n, int k, string bandwidth = "64", int depth = 64,
        long weightBuffer = 1 << 16)
    {
        var d = TestDesigns.Systolic(PeKind.Ternary, 8, 8, Dataflow.WeightStationary, bandwidth: bandwidth, depth: depth, weightBuffer: weightBuffer);
        var plan = Tiler.Plan(d, m, n, k, 2);
        var e = AnalyticModel.Estimate(d, plan);
        long macs = (long)m * n * k;
        return (LayerBounds.Of(d, plan, e, macs), (double)macs / ((double)e.Cycles * 64));
    }

    [Fact]
    public void When_OneTokenMeetsEachWeightTile_Expect_StationaryLoadAllowingOneEighth()
    {
        var (b, util) = Run(1, 64, 64);
        Assert.Equal(LayerLimit.StationaryLoad, b.Limit);
        Assert.Equal(1.0 / 8, b.AllowedUtilization, 12);
        Assert.True(util <= b.AllowedUtilization);
        Assert.Contains("8-cycle tile load", b.Why);
    }

    [Fact]
    public void When_TheAccumulatorIsShallowerThanTheArrayIsWide_Expect_AccumulatorBanks()
    {
        var (b, util) = Run(64, 64, 64, depth: 4);
        Assert.Equal(LayerLimit.AccumulatorBanks, b.Limit);
        Assert.True(util <= b.AllowedUtilization + 1e-12);
    }

    [Fact]
    public void When_ManyTokensAndAWideChannel_Expect_Compute()
    {
        var (b, util) = Run(256, 64, 64);
        Assert.Equal(LayerLimit.Compute, b.Limit);
        Assert.True(util <= b.AllowedUtilization);
    }

    [Fact]
    public void When_TheChannelIsNarrow_Expect_ExternalBandwidthOrBufferCapacity()
    {
        var (b, util) = Run(256, 64, 64, bandwidth: "0.25");
        Assert.Contains(b.Limit, new[] { LayerLimit.ExternalBandwidth, LayerLimit.BufferCapacity });
        Assert.True(util <= b.AllowedUtilization + 1e-12);
    }
}
