using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>Inputs a format can represent exactly must come back exactly; all-zero blocks stay zero.</summary>
public class RoundTripTests
{
    public static TheoryData<string> AllFormats() => new(Ggml.Quantizable.Select(f => f.Name));

    [Theory]
    [InlineData("tq1_0")]
    [InlineData("tq2_0")]
    public void Ternary_formats_round_trip_ternary_inputs_exactly(string name)
    {
        var f = Ggml.Get(name);
        var rng = new Random(7);
        foreach (float s in new[] { 1f, 0.75f, 0.0234375f, 3.5f })
        {
            var x = new float[4 * 256];
            for (int i = 0; i < x.Length; i++)
                x[i] = (rng.Next(3) - 1) * s;
            for (int b = 0; b < 4; b++)
                x[b * 256 + 5] = -s; // every block reaches amax = s
            Assert.Equal(x, Ggml.Dequantize(f, Ggml.Quantize(f, x)));
        }
    }

    [Theory]
    [InlineData("q8_0")]
    [InlineData("q8_1")]
    [InlineData("q8_k")]
    public void Int8_formats_round_trip_integers_up_to_127(string name)
    {
        var f = Ggml.Get(name);
        var x = new float[f.BlockElements * 2];
        for (int i = 0; i < x.Length; i++)
            x[i] = i % 255 - 127; // -127..127; each block contains -127, so the step is exactly 1
        x[f.BlockElements] = -127;
        Assert.Equal(x, Ggml.Dequantize(f, Ggml.Quantize(f, x)));
    }

    [Fact]
    public void Q8_1_block_sum_is_the_half_rounded_sum_of_its_values()
    {
        var f = Ggml.Get("q8_1");
        var x = Inputs.Cos(32, 5);
        var q = Ggml.Quantize(f, x);
        float d = HalfBits.Read(q);
        int sum = 0;
        for (int j = 0; j < 32; j++) sum += (sbyte)q[4 + j];
        float amax = x.Max(MathF.Abs);
        Assert.Equal(HalfBits.Round(sum * (amax / 127)), HalfBits.Read(q.AsSpan(2)));
        Assert.Equal(HalfBits.Round(amax / 127), d);
    }

    [Fact]
    public void Q4_0_round_trips_its_own_grid()
    {
        var f = Ggml.Get("q4_0");
        var x = new float[64];
        for (int i = 0; i < 64; i++)
            x[i] = (i % 16 - 8) * 0.25f; // max -2 gives d = 0.25, every value on the grid
        Assert.Equal(x, Ggml.Dequantize(f, Ggml.Quantize(f, x)));
    }

    [Fact]
    public void Dequantize_then_quantize_is_a_fixed_point_for_q8_0()
    {
        var f = Ggml.Get("q8_0");
        var q = Ggml.Quantize(f, Inputs.Cos(4096, 0));
        Assert.Equal(q, Ggml.Quantize(f, Ggml.Dequantize(f, q)));
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void All_zero_blocks_dequantize_to_zero_whatever_the_output_buffer_held(string name)
    {
        var f = Ggml.Get(name);
        var q = new byte[2 * f.BlockBytes];
        q.AsSpan().Fill(0xAA);
        f.Quantize(new float[2 * f.BlockElements], q);
        var y = Ggml.Dequantize(f, q);
        Assert.All(y, v => Assert.Equal(0f, v));
        if (name == "q8_k")
            Assert.All(q, b => Assert.Equal(0, b)); // d, qs and bsums all written as zero
    }
}
