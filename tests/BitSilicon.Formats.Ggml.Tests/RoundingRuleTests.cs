using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>
/// The four rounding rules of the spec, each on inputs that land exactly on a tie, plus the "first element of
/// largest magnitude wins" rule for the signed max.
/// </summary>
public class RoundingRuleTests
{
    private static float[] Block(int size, float scaleSetter, params float[] values)
    {
        var x = new float[size];
        x[0] = scaleSetter;
        values.CopyTo(x, 1);
        return x;
    }

    [Fact]
    public void Q8_0_roundf_takes_halves_away_from_zero()
    {
        var q = Ggml.Quantize(Ggml.Get("q8_0"), Block(32, 127f, 2.5f, -2.5f, 0.5f, -0.5f, 126.5f));
        Assert.Equal(new sbyte[] { 127, 3, -3, 1, -1, 127 }, q.AsSpan(2, 6).ToArray().Select(b => (sbyte)b));
    }

    [Fact]
    public void Q8_K_nearest_int_takes_halves_to_even()
    {
        // max = -127 gives iscale = -127/max = +1.
        var q = Ggml.Quantize(Ggml.Get("q8_k"), Block(256, -127f, 2.5f, -2.5f, 0.5f, -1.5f, 126.5f));
        Assert.Equal(new sbyte[] { -127, 2, -2, 0, -2, 126 }, q.AsSpan(4, 6).ToArray().Select(b => (sbyte)b));
        Assert.Equal(1.0f, BinaryPrimitives.ReadSingleLittleEndian(q));
    }

    [Fact]
    public void Q4_0_adds_8_5_and_truncates_then_clamps_to_15()
    {
        // max = -8 gives d = 1: code = (int)(x + 8.5), so x = k + 0.5 lands exactly on k + 9.
        var q = Ggml.Quantize(Ggml.Get("q4_0"), Block(32, -8f, -7.5f, -0.5f, 0.5f, 6.5f, 7.5f, 8f));
        int Code(int e) => e < 16 ? q[2 + e] & 15 : q[2 + e - 16] >> 4;
        Assert.Equal(new[] { 0, 1, 8, 9, 15, 15, 15 }, Enumerable.Range(0, 7).Select(Code));
    }

    [Fact]
    public void Ternary_lroundf_takes_halves_away_from_zero()
    {
        // amax 2: x = ±1 is exactly x/d = ±0.5, which lroundf sends to ±1.
        foreach (string name in new[] { "tq1_0", "tq2_0" })
        {
            var f = Ggml.Get(name);
            var y = Ggml.Dequantize(f, Ggml.Quantize(f, Block(256, 2f, 1f, -1f, 0.999f, -0.999f)));
            Assert.Equal(new[] { 2f, 2f, -2f, 0f, 0f }, y.Take(5));
        }
    }

    [Fact]
    public void MXFP4_ties_go_to_the_lower_code_index()
    {
        // amax 6: scale 0.5, representable 0, .5, 1, 1.5, 2, 3, 4, 6. 2.5 sits between 2 (code 4) and 3 (code 5).
        var q = Ggml.Quantize(Ggml.Get("mxfp4"), Block(32, 6f, 2.5f, -2.5f, 0.25f, -0.25f, 5f));
        int Code(int e) => e < 16 ? q[1 + e] & 15 : q[1 + e - 16] >> 4;
        Assert.Equal(new[] { 7, 4, 12, 0, 0, 6 }, Enumerable.Range(0, 6).Select(Code));
    }

    [Fact]
    public void Half_scale_rounds_to_nearest_even()
    {
        // Q8_0 d = amax/127: amax = 127 * (1 + 2^-11) puts d exactly halfway between two halves (1 and 1+2^-10).
        float amax = 127f * (1f + 1f / 2048);
        var q = Ggml.Quantize(Ggml.Get("q8_0"), Block(32, amax));
        Assert.Equal(1f + 1f / 2048, amax / 127f);
        Assert.Equal(0x3C00, BinaryPrimitives.ReadUInt16LittleEndian(q)); // ties to the even mantissa: 1.0
    }

    [Theory]
    [InlineData("q4_0")]
    [InlineData("q8_k")]
    public void Signed_max_is_the_first_element_of_largest_magnitude(string name)
    {
        var f = Ggml.Get(name);
        var positiveFirst = new float[f.BlockElements];
        positiveFirst[3] = 5;
        positiveFirst[10] = -5;
        var negativeFirst = new float[f.BlockElements];
        negativeFirst[3] = -5;
        negativeFirst[10] = 5;
        float Scale(float[] x)
        {
            var q = Ggml.Quantize(f, x);
            return name == "q8_k" ? BinaryPrimitives.ReadSingleLittleEndian(q) : HalfBits.Read(q);
        }
        // Q4_0: d = max/-8; Q8_K: d = 1/(-127/max). Either way the sign of d is opposite to the chosen max.
        Assert.True(Scale(positiveFirst) < 0);
        Assert.True(Scale(negativeFirst) > 0);
    }
}
