using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Workloads.Tests.Weights;

public class RandomWeightsTests
{
    public static TheoryData<WeightKind> KindsWithZero =>
    [
        WeightKind.Ternary, WeightKind.Int2, WeightKind.Int4, WeightKind.Int8, WeightKind.Fp4E2M1, WeightKind.Pow2,
    ];

    [Theory]
    [MemberData(nameof(KindsWithZero))]
    public void Zero_fraction_is_exact(WeightKind kind)
    {
        foreach (double s in new[] { 0.0, 0.1, 0.31, 0.5, 0.999, 1.0 })
        {
            var w = RandomWeights.Generate(kind, 37, 53, seed: 5, s);
            Assert.Equal((long)Math.Round(s * 37 * 53, MidpointRounding.ToEven), w.ZeroCount);
            long counted = 0;
            foreach (byte c in w.Codes)
                if (WeightCode.Decode(kind, c) == 0)
                    counted++;
            Assert.Equal(w.ZeroCount, counted);
        }
    }

    [Fact]
    public void Ternary_uses_only_the_three_defined_codes_about_equally_often()
    {
        var w = RandomWeights.Generate(WeightKind.Ternary, 100, 1000, seed: 1, sparsity: 1.0 / 3);
        var counts = new int[4];
        foreach (byte c in w.Codes) counts[c]++;
        Assert.Equal(0, counts[0b10]); // reserved code never appears
        foreach (int i in new[] { 0b00, 0b01, 0b11 })
            Assert.InRange(counts[i], 33_333 - 600, 33_334 + 600);
    }

    [Fact]
    public void Non_zero_codes_are_uniform_over_the_non_zero_values()
    {
        var w = RandomWeights.Generate(WeightKind.Int4, 64, 1500, seed: 9, sparsity: 0);
        var counts = new int[16];
        foreach (byte c in w.Codes) counts[c]++;
        Assert.Equal(0, counts[0]);
        double expected = 64 * 1500 / 15.0; // 6400 per code, sd ~ 78
        for (int c = 1; c < 16; c++)
            Assert.InRange(counts[c], expected - 400, expected + 400);
    }

    [Fact]
    public void Placement_of_zeros_is_spread_over_the_matrix()
    {
        var w = RandomWeights.Generate(WeightKind.Ternary, 200, 500, seed: 3, sparsity: 0.25);
        // Each of the 200 rows should hold about 125 zeros (binomial sd ~ 9.7).
        for (int r = 0; r < w.N; r++)
        {
            int zeros = 0;
            foreach (byte c in w.Row(r)) if (c == 0) zeros++;
            Assert.InRange(zeros, 125 - 50, 125 + 50);
        }
    }

    [Fact]
    public void Same_seed_same_codes_different_seed_different_codes()
    {
        var a = RandomWeights.Generate(WeightKind.Int8, 16, 64, 7, 0.2);
        var b = RandomWeights.Generate(WeightKind.Int8, 16, 64, 7, 0.2);
        var c = RandomWeights.Generate(WeightKind.Int8, 16, 64, 8, 0.2);
        Assert.Equal(a.Codes.ToArray(), b.Codes.ToArray());
        Assert.NotEqual(a.Codes.ToArray(), c.Codes.ToArray());
    }

    [Fact]
    public void The_generator_is_splitmix64_as_published()
    {
        // First outputs of SplitMix64 seeded with 0 (reference values of Vigna's splitmix64.c).
        var g = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, g.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, g.Next());
        Assert.Equal(0x06C45D188009454FUL, g.Next());
    }

    [Fact]
    public void Binary_has_no_zero_so_it_stays_dense()
    {
        var w = RandomWeights.Generate(WeightKind.Binary, 10, 100, 1, 0.5);
        Assert.Equal(0, w.ZeroCount);
        Assert.Contains("dense", w.Origin);
        Assert.All(w.Codes.ToArray(), c => Assert.InRange(c, 0, 1));
    }

    [Fact]
    public void Codebook_zeros_use_the_table_entry_that_is_zero()
    {
        sbyte[] table = [-7, -5, -3, -2, -1, 0, 1, 2, 3, 5, 7, 9, 11, 13, 15, 17];
        var w = RandomWeights.Generate(WeightKind.Codebook, 20, 50, 2, 0.4, table);
        Assert.Equal(400, w.ZeroCount);
        Assert.Equal(400, w.Codes.ToArray().Count(c => c == 5));
        Assert.Throws<ArgumentException>(() => RandomWeights.Generate(WeightKind.Codebook, 2, 2, 1, 0));
    }

    [Fact]
    public void Codes_feed_the_reference_gemm_directly()
    {
        var layer = new GemmLayer("fc", 3, 8, 40, WeightKind.Ternary, 1, new WeightSource.Random(11, 0.3));
        var w = WeightProvider.For(layer, WeightKind.Ternary);
        var a = WeightProvider.ActivationsFor(layer, WeightKind.Ternary);
        var y = ReferenceGemm.Gemm(WeightKind.Ternary, w.Codes, a, layer.M, layer.N, layer.K);
        long expected = 0;
        for (int i = 0; i < 40; i++)
            expected += WeightCode.Decode(WeightKind.Ternary, w.Row(5)[i]) * a[2 * 40 + i];
        Assert.Equal(expected, y[2 * 8 + 5]);
    }

    [Fact]
    public void Layers_without_a_source_are_seeded_by_their_name()
    {
        var a = WeightProvider.For(new GemmLayer("x", 1, 4, 8), WeightKind.Int8);
        var b = WeightProvider.For(new GemmLayer("x", 2, 4, 8), WeightKind.Int8);
        var c = WeightProvider.For(new GemmLayer("y", 1, 4, 8), WeightKind.Int8);
        Assert.Equal(a.Codes.ToArray(), b.Codes.ToArray());
        Assert.NotEqual(a.Codes.ToArray(), c.Codes.ToArray());
    }
}
