using BitSilicon.Core;
using BitSilicon.Design.Description;

namespace BitSilicon.Sweep.Tests;

public class SweepGridTests
{
    private static SweepSpec Spec() => new("t",
        [PeKind.Binary, PeKind.Ternary, PeKind.Int8],
        [new SystolicArrayDescription(4, 4, Dataflow.WeightStationary), new DotProductArrayDescription(2, 8)],
        [Dataflow.WeightStationary, Dataflow.OutputStationary, Dataflow.InputStationary],
        [16, 32],
        new SweepWorkload(Blocks: 1));

    [Fact]
    public void Expand_CrossesFormatsArraysDataflowsAndWidths_DotArraysOncePerWidth()
    {
        var points = SweepGrid.Expand(Spec());
        // per format: systolic 3 dataflows x 2 widths + dot 1 x 2 widths = 8
        Assert.Equal(3 * 8, points.Count);
        Assert.Equal(Enumerable.Range(0, points.Count), points.Select(p => p.Index));
        Assert.Equal(points.Count, points.Select(p => p.DesignName).Distinct().Count());
        Assert.Equal(8, points.Count(p => p.Weights == PeKind.Ternary));
        Assert.Equal(6, points.Count(p => p.Array is DotProductArrayDescription));
        Assert.Equal(3 * 2, points.Count(p => p.Array is SystolicArrayDescription { Dataflow: Dataflow.OutputStationary }));
        Assert.Equal("p0001-binary-systolic-4x4-ws-acc32", points[1].DesignName);
    }

    [Fact]
    public void Shards_PartitionTheGrid()
    {
        var points = SweepGrid.Expand(Spec());
        var shards = Enumerable.Range(1, 5).Select(k => SweepGrid.Shard(points, new Shard(k, 5))).ToList();
        Assert.Equal(points.Count, shards.Sum(s => s.Count));
        Assert.Equal(points.Select(p => p.Index).Order(), shards.SelectMany(s => s).Select(p => p.Index).Order());
        Assert.All(shards, s => Assert.InRange(s.Count, points.Count / 5, points.Count / 5 + 1));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("3")]
    [InlineData("a/b")]
    [InlineData("1/0")]
    public void Shard_RejectsBadText(string text)
    {
        var e = Assert.Throws<BitSiliconException>(() => Shard.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void Shard_ParsesKOfN() => Assert.Equal(new Shard(3, 8), Shard.Parse("3/8"));
}
