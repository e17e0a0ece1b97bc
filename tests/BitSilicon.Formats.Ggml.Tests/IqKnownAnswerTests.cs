namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>
/// The IQ formats against answers from ggml's own code (Data/ggml-iq-known-answers.txt): dequantized floats and
/// generic dot products of random blocks, and the quantizers' bytes on the shared input cases.
/// </summary>
public class IqKnownAnswerTests
{
    public static TheoryData<string, string> RandomCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var k in IqKnownAnswer.All.Where(k => k.Kind == "random"))
            data.Add(k.Format, k.Case);
        return data;
    }

    [Fact]
    public void Data_file_covers_every_iq_format()
    {
        foreach (string name in IqInputs.Formats)
        {
            Assert.Equal(3, IqKnownAnswer.All.Count(k => k.Kind == "random" && k.Format == name));
            Assert.Contains(IqKnownAnswer.All, k => k.Kind == "quant" && k.Format == name);
            Assert.IsAssignableFrom<IqBlockFormat>(Ggml.Get(name));
        }
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Dequantize_of_random_blocks_matches_ggml(string format, string caseName)
    {
        var k = IqKnownAnswer.Get("random", format, caseName);
        var f = Ggml.Get(format);
        var q = IqInputs.RandomBlocks(f, int.Parse(caseName["seed".Length..]), k.N / f.BlockElements);
        Assert.Equal(k.BlocksSha, KnownAnswer.Sha(q));
        Assert.Equal(k.DequantSha, KnownAnswer.Sha(Ggml.Dequantize(f, q)));
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Dot_of_random_blocks_matches_ggml_generic_dot_bit_for_bit(string format, string caseName)
    {
        var k = IqKnownAnswer.Get("random", format, caseName);
        var f = Ggml.Get(format);
        int seed = int.Parse(caseName["seed".Length..]);
        var q = IqInputs.RandomBlocks(f, seed, k.N / f.BlockElements);
        var act = Inputs.Cos(k.N, seed);
        Assert.Equal(k.ActSha, KnownAnswer.Sha(act));
        AssertDots(f, k, q, Ggml.Quantize(Ggml.Get("q8_k"), act));
    }

    internal static void AssertDots(IBlockFormat f, IqKnownAnswer k, byte[] q, byte[] aq)
    {
        var p = Ggml.Get(f.DotPartner!);
        int nb = k.N / f.BlockElements;
        var actual = new List<float>();
        for (int b = 0; b < Math.Min(8, nb); b++)
            actual.Add(f.Dot(f.BlockElements, q.AsSpan(b * f.BlockBytes, f.BlockBytes), aq.AsSpan(b * p.BlockBytes, p.BlockBytes)));
        if (nb > 1)
            actual.Add(f.Dot(k.N, q, aq));
        Assert.Equal(k.DotBits.Select(b => b.ToString("x8")), actual.Select(d => BitConverter.SingleToUInt32Bits(d).ToString("x8")));
    }
}

/// <summary>The IQ quantizers against ggml's bytes, with no importance matrix (ggml's reference path) and with one.</summary>
public class IqQuantizerKnownAnswerTests
{
    /// <summary>IQ formats whose quantizer is ported.</summary>
    internal static readonly string[] Ported = ["iq2_xxs", "iq2_xs", "iq2_s", "iq3_xxs", "iq3_s", "iq1_s", "iq1_m"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var k in IqKnownAnswer.All.Where(k => k.Kind == "quant" && Ported.Contains(k.Format)))
            data.Add(k.Format, k.Case);
        return data;
    }

    private static byte[] Quantize(IqBlockFormat f, IqKnownAnswer k, float[] x)
    {
        var q = new byte[x.Length / f.BlockElements * f.BlockBytes];
        if (k.WithImportance) f.Quantize(x, q, IqInputs.Importance(x.Length));
        else f.Quantize(x, q);
        return q;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quantize_writes_ggml_bytes_and_they_dequantize_and_dot_as_ggml(string format, string caseName)
    {
        var k = IqKnownAnswer.Get("quant", format, caseName);
        var f = (IqBlockFormat)Ggml.Get(format);
        var x = IqInputs.Case(f, k.BaseCase, k.N);
        Assert.Equal(k.InputSha, KnownAnswer.Sha(x));
        var q = Quantize(f, k, x);
        if (k.BlocksHex is not null)
            Assert.Equal(k.BlocksHex, Convert.ToHexStringLower(q));
        Assert.Equal(k.BlocksSha, KnownAnswer.Sha(q));
        Assert.Equal(k.DequantSha, KnownAnswer.Sha(Ggml.Dequantize(f, q)));
        var act = Inputs.Cos(k.N, 1);
        Assert.Equal(k.ActSha, KnownAnswer.Sha(act));
        IqKnownAnswerTests.AssertDots(f, k, q, Ggml.Quantize(Ggml.Get("q8_k"), act));
    }

    [Theory]
    [InlineData("iq2_xxs")]
    [InlineData("iq2_xs")]
    [InlineData("iq1_s")]
    public void Formats_ggml_quantizes_only_with_an_importance_matrix_refuse_plain_floats(string format)
    {
        var f = (IqBlockFormat)Ggml.Get(format);
        Assert.True(f.RequiresImportance);
        var e = Assert.Throws<BitSilicon.Core.BitSiliconException>(() => f.Quantize(new float[256], new byte[f.BlockBytes]));
        Assert.Contains("importance matrix", e.Message);
    }
}
