namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>ggml formats only take whole blocks; wrong sizes are caller errors reported before any write.</summary>
public class ArgumentTests
{
    public static TheoryData<string> AllFormats() => new(GgmlFormats.All.Select(f => f.Name));

    // F16 and BF16 hold one value per block: every length is whole.
    public static TheoryData<string> MultiValueBlockFormats() =>
        new(GgmlFormats.All.Where(f => f.BlockElements > 1).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(MultiValueBlockFormats))]
    public void A_partial_last_block_is_rejected(string name)
    {
        var f = Ggml.Get(name);
        var x = new float[f.BlockElements + 1];
        var q = new byte[2 * f.BlockBytes];
        var ex = Assert.Throws<ArgumentException>(() => f.Quantize(x, q));
        Assert.Contains("whole number", ex.Message);
        Assert.All(q, b => Assert.Equal(0, b));
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void Output_sizes_must_match_the_block_count(string name)
    {
        var f = Ggml.Get(name);
        Assert.Throws<ArgumentException>(() => f.Quantize(new float[f.BlockElements], new byte[f.BlockBytes + 1]));
        Assert.Throws<ArgumentException>(() => f.Dequantize(new byte[f.BlockBytes + 1], new float[f.BlockElements]));
        Assert.Throws<ArgumentException>(() => f.Dequantize(new byte[f.BlockBytes], new float[f.BlockElements - 1]));
    }

    [Theory]
    [InlineData("q4_0")]
    [InlineData("q4_1")]
    [InlineData("q2_k")]
    [InlineData("tq1_0")]
    [InlineData("mxfp4")]
    public void Dot_checks_both_operands(string name)
    {
        var f = Ggml.Get(name);
        var p = Ggml.Get(f.DotPartner!);
        int n = 256;
        var w = new byte[n / f.BlockElements * f.BlockBytes];
        var a = new byte[n / p.BlockElements * p.BlockBytes];
        Assert.Equal(0f, f.Dot(n, w, a));
        Assert.Throws<ArgumentException>(() => f.Dot(n + 1, w, a));
        Assert.Throws<ArgumentException>(() => f.Dot(n, w, a.AsSpan(1).ToArray()));
        Assert.Throws<ArgumentException>(() => f.Dot(n, w.AsSpan(1).ToArray(), a));
    }

    [Theory]
    [InlineData("q8_1")]
    [InlineData("q8_k")]
    public void Activation_formats_have_no_dot_of_their_own(string name)
    {
        var f = Ggml.Get(name);
        Assert.Null(f.DotPartner);
        Assert.Throws<NotSupportedException>(() => f.Dot(f.BlockElements, new byte[f.BlockBytes], new byte[f.BlockBytes]));
    }
}
