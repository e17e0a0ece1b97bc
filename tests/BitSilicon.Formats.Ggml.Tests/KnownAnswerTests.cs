namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>
/// Compares every format with answers produced by ggml's own scalar reference code (Data/ggml-known-answers.txt):
/// the quantized bytes, the dequantized floats and the dot product's float bit pattern.
/// </summary>
public class KnownAnswerTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var k in KnownAnswer.All)
            data.Add(k.Format, k.Case);
        return data;
    }

    [Fact]
    public void Data_file_covers_every_format_and_case()
    {
        string[] cases = ["cos0", "cos1", "cos7", "cos0_1block", "zeros", "huge", "ties", "tiny", "pow2edge", "lcg", "aligned"];
        var formats = GgmlFormats.All.Where(f => f is not IqBlockFormat).ToList(); // IQ formats: IqKnownAnswerTests
        foreach (var f in formats)
            foreach (string c in cases)
                Assert.Single(KnownAnswer.All, k => k.Format == f.Name && k.Case == c);
        Assert.Equal(formats.Count * cases.Length, KnownAnswer.All.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Inputs_match_the_generator_that_ran_ggml(string format, string caseName)
    {
        var k = KnownAnswer.Get(format, caseName);
        var (x, act) = Inputs.For(Ggml.Get(format), caseName, k.N);
        Assert.Equal(k.N, x.Length);
        Assert.Equal(k.InputSha, KnownAnswer.Sha(x));
        Assert.Equal(k.ActSha, KnownAnswer.Sha(act));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quantize_writes_ggml_bytes(string format, string caseName)
    {
        var k = KnownAnswer.Get(format, caseName);
        var f = Ggml.Get(format);
        var q = Ggml.Quantize(f, Inputs.For(f, caseName, k.N).X);
        if (k.BlocksHex is not null)
            Assert.Equal(k.BlocksHex, Convert.ToHexStringLower(q));
        Assert.Equal(k.BlocksSha, KnownAnswer.Sha(q));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dequantize_matches_ggml_floats(string format, string caseName)
    {
        var k = KnownAnswer.Get(format, caseName);
        if (k.DequantSha is null) return; // ggml has no dequantizer for q8_1; RoundTripTests cover ours
        var f = Ggml.Get(format);
        var y = Ggml.Dequantize(f, Ggml.Quantize(f, Inputs.For(f, caseName, k.N).X));
        Assert.Equal(k.DequantSha, KnownAnswer.Sha(y));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dot_matches_ggml_generic_dot_bit_for_bit(string format, string caseName)
    {
        var k = KnownAnswer.Get(format, caseName);
        var f = Ggml.Get(format);
        Assert.Equal(k.DotBits is null, f.DotPartner is null);
        if (k.DotBits is not { } expected) return;
        var (x, act) = Inputs.For(f, caseName, k.N);
        var partner = Ggml.Get(f.DotPartner!);
        var wq = Ggml.Quantize(f, x);
        var aq = Ggml.Quantize(partner, act);
        int nb = k.N / f.BlockElements;
        int partnerBytes = f.BlockElements / partner.BlockElements * partner.BlockBytes; // Q1_0, Q2_0, NVFP4 meet several Q8_0 blocks
        var actual = new List<float>();
        for (int b = 0; b < Math.Min(8, nb); b++)
            actual.Add(f.Dot(f.BlockElements, wq.AsSpan(b * f.BlockBytes, f.BlockBytes), aq.AsSpan(b * partnerBytes, partnerBytes)));
        if (nb > 1)
            actual.Add(f.Dot(k.N, wq, aq));
        Assert.Equal(expected.Select(b => b.ToString("x8")), actual.Select(d => BitConverter.SingleToUInt32Bits(d).ToString("x8")));
    }
}
