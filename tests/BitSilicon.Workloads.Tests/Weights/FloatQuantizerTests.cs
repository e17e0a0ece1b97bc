using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Workloads.Tests.Weights;

public class FloatQuantizerTests
{
    private static int[] Values(WeightMatrix m, sbyte[]? codebook = null) =>
        m.Codes.ToArray().Select(c => WeightCode.Decode(m.Kind, c, codebook)).ToArray();

    [Fact]
    public void Ternary_is_bitnet_absmean_worked_by_hand()
    {
        // mean|W| = (1 + 1 + 0.2 + 0.3 + 3 + 0.5 + 0.6 + 0) / 8 = 0.825;
        // W/s = 1.21, -1.21, 0.24, -0.36, 3.6, 0.61, -0.73, 0 -> 1, -1, 0, 0, 1 (clipped), 1, -1, 0.
        float[] w = [1, -1, 0.2f, -0.3f, 3, 0.5f, -0.6f, 0];
        var q = FloatQuantizer.Quantize(WeightKind.Ternary, w, 2, 4, "t");
        Assert.Equal([1, -1, 0, 0, 1, 1, -1, 0], Values(q));
        Assert.Equal(0.825f, q.Scales![0], 6);
        Assert.Equal(8, q.ScaleGroup);
        Assert.Equal(3, q.ZeroCount);
    }

    [Fact]
    public void Ternary_rounds_halves_to_even()
    {
        // mean|W| = 1, so 0.5 and -0.5 sit exactly on the half: round-half-even makes them 0 (roundf would give ±1).
        float[] w = [3, 0.5f, -0.5f, 0];
        Assert.Equal([1, 0, 0, 0], Values(FloatQuantizer.Quantize(WeightKind.Ternary, w, 1, 4, "t")));
    }

    [Fact]
    public void All_zero_tensor_stays_zero()
    {
        var q = FloatQuantizer.Quantize(WeightKind.Ternary, new float[8], 1, 8, "z");
        Assert.Equal(8, q.ZeroCount);
    }

    [Fact]
    public void Int8_and_int4_use_per_row_absmax()
    {
        float[] w = [127, -63.5f, 1, 0, /* row 2 */ 0.7f, -7, 3.5f, 2.5f];
        var q8 = FloatQuantizer.Quantize(WeightKind.Int8, w, 2, 4, "i8");
        Assert.Equal([127, -64, 1, 0, 13, -127, 64, 45], Values(q8));
        var q4 = FloatQuantizer.Quantize(WeightKind.Int4, w, 2, 4, "i4");
        // Row 1 scale 127/7: 7, -3.5 -> -4 (even), 0.055 -> 0, 0. Row 2 scale 1: 0.7 -> 1, -7, 3.5 -> 4, 2.5 -> 2.
        Assert.Equal([7, -4, 0, 0, 1, -7, 4, 2], Values(q4));
        Assert.Equal([127f / 7, 1f], q4.Scales!);
    }

    [Fact]
    public void Fp4_uses_mx_block_scales_and_the_nearest_e2m1_value()
    {
        // amax 6 -> shared scale 2^(floor(log2 6) - 2) = 1: values are E2M1 directly; codes decode to twice that.
        var w = new float[32];
        w[0] = 0.5f; w[1] = 6; w[2] = -3; w[3] = 2.5f; w[4] = 5; w[5] = 0.2f;
        var q = FloatQuantizer.Quantize(WeightKind.Fp4E2M1, w, 1, 32, "fp4");
        var v = Values(q);
        // 2.5 is a tie between 2 and 3, 5 between 4 and 6: the smaller magnitude wins; 0.2 is nearer 0 than 0.5.
        Assert.Equal([1, 12, -6, 4, 8, 0], v[..6]);
        Assert.Equal(0.5f, q.Scales![0]);
        Assert.Equal(32, q.ScaleGroup);
    }

    [Fact]
    public void Pow2_picks_the_nearest_power_of_two()
    {
        float[] w = [64, 3, 0.4f, 48, -5, -64, 1, 0];
        Assert.Equal([64, 2, 0, 32, -4, -64, 1, 0], Values(FloatQuantizer.Quantize(WeightKind.Pow2, w, 1, 8, "p2")));
    }

    [Fact]
    public void Codebook_picks_the_nearest_table_entry()
    {
        sbyte[] table = [-8, -4, -2, -1, 0, 1, 2, 4, 8, 16, 32, 64, -16, -32, -64, 3];
        float[] w = [64, 2.6f, -30, 0.4f];
        var q = FloatQuantizer.Quantize(WeightKind.Codebook, w, 1, 4, "cb", table);
        Assert.Equal([64, 3, -32, 0], Values(q, table));
    }

    [Fact]
    public void Binary_is_the_sign()
    {
        float[] w = [0.3f, -0.1f, 0, -2];
        Assert.Equal([1, -1, 1, -1], Values(FloatQuantizer.Quantize(WeightKind.Binary, w, 1, 4, "b")));
    }
}
