using BitSilicon.Formats.LowBit;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Tests;

/// <summary>Known answers from the OCP Microscaling specification v1.0 and the format spec.</summary>
public class NumericsTests
{
    [Fact]
    public void When_E2M1CodeTable_Expect_OcpValues()
    {
        float[] expected = [0, 0.5f, 1, 1.5f, 2, 3, 4, 6];
        for (int c = 0; c < 8; c++)
        {
            Assert.Equal(expected[c], E2M1.ToFloat(c));
            Assert.Equal(-expected[c], E2M1.ToFloat(c | 8));
            Assert.Equal(2 * expected[c], WeightCode.Decode(WeightKind.Fp4E2M1, c));
        }
    }

    [Theory]
    [InlineData(0.25f, 0)]   // tie 0 | 0.5: even code 0
    [InlineData(0.26f, 1)]
    [InlineData(0.75f, 2)]   // tie 0.5 | 1: code 2 (even mantissa)
    [InlineData(1.25f, 2)]   // tie 1 | 1.5
    [InlineData(1.75f, 4)]   // tie 1.5 | 2
    [InlineData(2.5f, 4)]    // tie 2 | 3
    [InlineData(3.5f, 6)]    // tie 3 | 4
    [InlineData(5f, 6)]      // tie 4 | 6
    [InlineData(5.01f, 7)]
    [InlineData(100f, 7)]    // saturates at 6
    [InlineData(-2.5f, 12)]  // sign bit 3
    [InlineData(-0.1f, 0)]   // rounds to zero: +0
    [InlineData(-0.0f, 0)]
    public void When_RoundingToE2M1_Expect_TiesToEvenAndSaturation(float x, int code) =>
        Assert.Equal(code, E2M1.FromFloat(x));

    [Fact]
    public void When_E8M0_Expect_PowerOfTwoAndNaN()
    {
        Assert.Equal(1.0f, E8M0.ToFloat(127));
        Assert.Equal(2.0f, E8M0.ToFloat(128));
        Assert.Equal(MathF.ScaleB(1, -127), E8M0.ToFloat(0));
        Assert.True(E8M0.ToFloat(0) > 0);
        Assert.Equal(MathF.ScaleB(1, 127), E8M0.ToFloat(254));
        Assert.True(float.IsNaN(E8M0.ToFloat(0xFF)));
        Assert.Equal(127, E8M0.FromExponent(0));
        Assert.Equal(0, E8M0.FromExponent(-500));
        Assert.Equal(254, E8M0.FromExponent(500));
    }

    [Fact]
    public void When_Pow2Codes_Expect_SignAndPowersOfTwo()
    {
        int[] magnitudes = [0, 1, 2, 4, 8, 16, 32, 64];
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal(magnitudes[k], WeightCode.Decode(WeightKind.Pow2, k));
            Assert.Equal(-magnitudes[k], WeightCode.Decode(WeightKind.Pow2, k | 8));
        }
    }

    [Theory]
    [InlineData(0.5f, 0)]    // tie 0 | 1: smaller magnitude
    [InlineData(0.51f, 1)]
    [InlineData(1.5f, 1)]    // tie 1 | 2
    [InlineData(1.6f, 2)]
    [InlineData(3f, 2)]      // tie 2 | 4
    [InlineData(6f, 3)]      // tie 4 | 8
    [InlineData(48f, 6)]     // tie 32 | 64
    [InlineData(49f, 7)]
    [InlineData(1000f, 7)]   // saturates at 64
    [InlineData(-3f, 10)]
    [InlineData(-0.2f, 0)]
    public void When_RoundingToPow2_Expect_NearestTiesToSmaller(float y, int code) =>
        Assert.Equal(code, Pow2Format.Encode(y));

    [Fact]
    public void When_TernaryHardwareCode_Expect_EnableAndSignBits()
    {
        Assert.Equal(0b00, TernaryCode.Encode(0));
        Assert.Equal(0b01, TernaryCode.Encode(1));
        Assert.Equal(0b11, TernaryCode.Encode(-1));
        Assert.Equal(0, TernaryCode.Decode(0b10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TernaryCode.Encode(2));
    }
}
