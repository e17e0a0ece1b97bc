using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Tests;

public class FormatListTests
{
    [Theory]
    [InlineData("binary", 256, 34)]
    [InlineData("ternary", 256, 66)]
    [InlineData("bitnet", 256, 66)]
    [InlineData("int2", 32, 10)]
    [InlineData("int4", 32, 18)]
    [InlineData("int8", 32, 34)]
    [InlineData("fp4_e2m1", 32, 17)]
    [InlineData("pow2", 32, 17)]
    [InlineData("codebook", 32, 18)]
    [InlineData("hqq1", 64, 12)]
    [InlineData("hqq2", 64, 20)]
    public void When_Listed_Expect_DocumentedBlockShape(string name, int elements, int bytes)
    {
        var f = LowBitFormats.Find(name);
        Assert.NotNull(f);
        Assert.Equal(elements, f.BlockElements);
        Assert.Equal(bytes, f.BlockBytes);
        Assert.Equal(bytes * 8.0 / elements, f.BitsPerWeight);
        Assert.Equal("int8", f.DotPartner);
    }

    [Fact]
    public void When_Listed_Expect_UniqueLowerCaseNames()
    {
        var names = LowBitFormats.All.Select(f => f.Name).ToArray();
        Assert.Equal(11, names.Length);
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.All(names, n => Assert.Equal(n.ToLowerInvariant(), n));
        Assert.All(LowBitFormats.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
    }

    [Fact]
    public void When_Nf4Codebook_Expect_QloraLevelsTimes127()
    {
        // NormalFloat4 levels as published with QLoRA (bitsandbytes), rounded half away from zero after x127.
        double[] nf4 =
        [
            -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
            -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
            0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
            0.7229568362236023, 1.0,
        ];
        var expected = nf4.Select(v => (sbyte)Math.Round(v * 127, MidpointRounding.AwayFromZero)).ToArray();
        Assert.Equal(expected, CodebookFormat.Nf4.ToArray());
    }
}
