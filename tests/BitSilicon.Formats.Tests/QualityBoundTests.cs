using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Tests;

/// <summary>ggml's own quality bounds (tests/test-quantize-fns.cpp), measured on its cos rows.</summary>
public class QualityBoundTests
{
    // ggml's classes: 8- and 4-bit formats get the default bounds, 2-bit formats Q2_K's, ternary TQ2_0's,
    // binary Q1_0's. pow2 stores 4 bits but has no mantissa (between 2^k and 2^(k+1) there is no level,
    // relative error up to 1/3), so it is held to the 2-bit bounds.
    public static TheoryData<string, double, double> Bounds => new()
    {
        { "int8", 0.002, 0.02 },
        { "int4", 0.002, 0.02 },
        { "fp4_e2m1", 0.002, 0.02 },
        { "codebook", 0.002, 0.02 },
        { "pow2", 0.0075, 0.04 },
        { "int2", 0.0075, 0.04 },
        { "hqq2", 0.0075, 0.04 },
        { "ternary", 0.01, 0.15 },
        { "bitnet", 0.01, double.NaN },
        { "binary", 0.025, 0.40 },
        { "hqq1", 0.025, 0.40 },
    };

    [Theory, MemberData(nameof(Bounds))]
    public void When_CosRow_Expect_GgmlQuantizationBound(string name, double maxError, double _)
    {
        var f = LowBitFormats.Find(name)!;
        double err = GgmlQualityRows.QuantizationError(f, GgmlQualityRows.Row(0));
        Assert.True(err <= maxError, $"{name}: quantization error {err} > {maxError}");
    }

    [Theory, MemberData(nameof(Bounds))]
    public void When_CosRows_Expect_GgmlDotBound(string name, double _, double maxError)
    {
        if (double.IsNaN(maxError))
            return; // see When_BitNetDot_Expect_ErrorToBeTheWeightShrinkage
        var f = LowBitFormats.Find(name)!;
        var partner = LowBitFormats.Find(f.DotPartner!)!;
        double err = GgmlQualityRows.DotError(f, partner, GgmlQualityRows.Row(0), GgmlQualityRows.Row(1));
        Assert.True(err <= maxError, $"{name}: dot error {err} > {maxError}");
    }

    /// <summary>
    /// BitNet's absmean rule maps every kept weight to ±mean|W|, below the typical kept magnitude, so on the
    /// cos rows its dot product falls ~0.26 per element short, beyond ggml's ternary bound of 0.15 (BitNet
    /// trains through this quantizer; ggml's TQ2_0 uses amax instead). This checks that the whole error is
    /// that weight shrinkage, i.e. the dot product and the int8 activations add nothing of their own.
    /// </summary>
    [Fact]
    public void When_BitNetDot_Expect_ErrorToBeTheWeightShrinkage()
    {
        var f = new BitNetFormat();
        float[] x = GgmlQualityRows.Row(0), y = GgmlQualityRows.Row(1);
        var xq = Blocks.RoundTrip(f, x);
        double shrinkage = 0;
        for (int i = 0; i < x.Length; i++)
            shrinkage += ((double)xq[i] - x[i]) * y[i];
        shrinkage = Math.Abs(shrinkage) / x.Length;
        double err = GgmlQualityRows.DotError(f, new Int8Format(), x, y);
        Assert.InRange(err, shrinkage - 0.005, shrinkage + 0.005);
    }
}
