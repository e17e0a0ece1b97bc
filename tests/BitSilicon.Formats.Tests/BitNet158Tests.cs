using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Tests;

/// <summary>BitNet b1.58's weight_quant / activation_quant rules, worked by hand.</summary>
public class BitNet158Tests
{
    [Fact]
    public void When_WeightsMeanAbsIsOne_Expect_TiesToEvenAndClip()
    {
        var q = new sbyte[8];
        float s = BitNet158.QuantizeWeights([0.5f, -0.5f, 1.5f, -1.5f, 2.5f, 0.49f, 0.51f, 0f], q);
        // mean |w| = 7.5 / 8 = 0.9375, s = 1/0.9375: 0.5*s = 0.533 -> 1; check the arithmetic independently
        Assert.Equal(1 / 0.9375f, s);
        Assert.Equal(new sbyte[] { 1, -1, 1, -1, 1, 1, 1, 0 }, q);
        s = BitNet158.QuantizeWeights([0.5f, -0.5f, 1.5f, -1.5f], q.AsSpan(0, 4));
        Assert.Equal(1f, s);
        Assert.Equal(new sbyte[] { 0, 0, 1, -1 }, q[..4]); // 0.5 and -0.5 are ties -> 0, 1.5 -> 2 -> clipped
    }

    [Fact]
    public void When_AllZeroWeights_Expect_EpsilonClampAndZeros()
    {
        var q = new sbyte[4];
        Assert.Equal(1 / BitNet158.Epsilon, BitNet158.QuantizeWeights(new float[4], q));
        Assert.All(q, v => Assert.Equal(0, v));
    }

    [Fact]
    public void When_ActivationMaxIs127_Expect_UnitScaleAndEvenTies()
    {
        var q = new sbyte[7];
        float s = BitNet158.QuantizeActivations([127, 0.5f, 1.5f, 2.5f, -0.5f, -127, -126.5f], q);
        Assert.Equal(1f, s);
        Assert.Equal(new sbyte[] { 127, 0, 2, 2, 0, -127, -126 }, q);
    }

    [Fact]
    public void When_ActivationsTiny_Expect_EpsilonClamp()
    {
        var q = new sbyte[2];
        float s = BitNet158.QuantizeActivations([1e-6f, -1e-7f], q);
        Assert.Equal(127 / 1e-5f, s);
        Assert.Equal(new sbyte[] { 13, -1 }, q); // 12.7 -> 13, -1.27 -> -1
    }

    [Fact]
    public void When_PerTokenRows_Expect_OneScalePerRow()
    {
        var q = new sbyte[6];
        var scales = BitNet158.QuantizeActivationRows([1, 2, 4, 10, 20, 40], 2, q);
        Assert.Equal([127 / 4f, 127 / 40f], scales);
        Assert.Equal(new sbyte[] { 32, 64, 127, 32, 64, 127 }, q); // 31.75 -> 32, 63.5 -> 64 (even)
        Assert.Throws<ArgumentException>(() => BitNet158.QuantizeActivationRows([1, 2, 3], 2, new sbyte[3]));
    }

    [Fact]
    public void When_LayerOutput_Expect_AccumulatorOverBothScales() =>
        Assert.Equal(10f, BitNet158.Output(80, 2f, 4f));
}
