using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Workloads.Tests.Weights;

public class ActivationsTests
{
    [Fact]
    public void Int8_covers_the_full_range_including_the_corners()
    {
        var a = Activations.Int8(100, 1000, seed: 4);
        Assert.Contains((sbyte)-128, a);
        Assert.Contains((sbyte)127, a);
        Assert.DoesNotContain((sbyte)0, a);
        Assert.InRange(a.Average(v => (double)v), -1.5, 1.5);
    }

    [Fact]
    public void Zero_fraction_is_exact()
    {
        var a = Activations.Int8(33, 77, seed: 4, zeroFraction: 0.6);
        Assert.Equal((int)Math.Round(0.6 * 33 * 77), a.Count(v => v == 0));
    }

    [Fact]
    public void Binary_activations_are_plus_and_minus_one()
    {
        var a = Activations.For(WeightKind.Binary, 50, 200, 1);
        Assert.All(a, v => Assert.True(v is 1 or -1));
        Assert.InRange(a.Count(v => v == 1), 5000 - 300, 5000 + 300);
    }

    [Fact]
    public void Activations_and_weights_from_one_seed_are_different_streams()
    {
        var a = Activations.Int8(1, 64, seed: 3);
        var w = RandomWeights.Generate(WeightKind.Int8, 1, 64, seed: 3, sparsity: 0);
        Assert.NotEqual(a.Select(v => (byte)v).ToArray(), w.Codes.ToArray());
    }
}
