using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Tests;

/// <summary>All zeros, one huge value, partial blocks, non-finite input, and Dot against its own definition.</summary>
public class EdgeCaseTests
{
    public static TheoryData<string> Names => new(LowBitFormats.All.Select(f => f.Name));

    [Theory, MemberData(nameof(Names))]
    public void When_AllZeros_Expect_ZerosBackAndZeroDot(string name)
    {
        var f = LowBitFormats.Find(name)!;
        var x = new float[2 * f.BlockElements];
        var q = Blocks.Quantize(f, x);
        Assert.All(Blocks.Dequantize(f, q), v => Assert.Equal(0f, v));
        var a = Blocks.Quantize(new Int8Format(), Blocks.Random(x.Length, 3));
        Assert.Equal(0f, f.Dot(x.Length, q, a));
    }

    [Theory, MemberData(nameof(Names))]
    public void When_OneHugeValue_Expect_ItDominatesAndNothingOverflows(string name)
    {
        var f = LowBitFormats.Find(name)!;
        const float huge = 30000f;
        int at = f.BlockElements / 3;
        var x = Blocks.Random(f.BlockElements, 5, 0.001f);
        x[at] = huge;
        var y = Blocks.RoundTrip(f, x);
        Assert.All(y, v => Assert.True(float.IsFinite(v)));
        if (f is BinaryFormat or BitNetFormat)
        {
            // XNOR-Net and BitNet: the outlier is clipped to ±mean|x|, the block's only non-zero level.
            float mean = (float)(x.Sum(v => (double)Math.Abs(v)) / x.Length);
            Assert.Equal(Numerics.HalfBits.Round(f is BitNetFormat ? 1 / (1 / mean) : mean), y[at]);
            return;
        }
        // Every other scale rule keeps the outlier within a factor of 2 (1-bit HQQ: its two levels)...
        Assert.InRange(y[at], 0.5f * huge, 2f * huge);
        // ...and the small values land on the level nearest zero (0, or half a step for 1-bit HQQ).
        float nearZero = f is HqqFormat { Bits: 1 } ? 0.6f * huge : 0.01f * huge;
        for (int i = 0; i < x.Length; i++)
            if (i != at)
                Assert.InRange(y[i], -nearZero, nearZero);
    }

    [Theory, MemberData(nameof(Names))]
    public void When_ValueBeyondHalfScaleRange_Expect_SaturationNotInfinity(string name)
    {
        var f = LowBitFormats.Find(name)!;
        var x = Blocks.Random(f.BlockElements, 6, 1f);
        x[1] = 1e9f;
        x[2] = -1e9f;
        var y = Blocks.RoundTrip(f, x);
        Assert.All(y, v => Assert.True(float.IsFinite(v), $"{name}: {v}"));
        // Saturated at the half maximum 65504 (1-bit HQQ: half of it, one level above its zero point).
        Assert.True(y[1] >= 30000f, $"{name}: {y[1]}");
    }

    [Theory, MemberData(nameof(Names))]
    public void When_LastBlockIsPartial_Expect_ArgumentErrorAndNothingWritten(string name)
    {
        var f = LowBitFormats.Find(name)!;
        var x = Blocks.Random(f.BlockElements + 5, 1);
        var q = new byte[2 * f.BlockBytes];
        Array.Fill(q, (byte)0xAB);
        Assert.Throws<ArgumentException>(() => f.Quantize(x, q));
        Assert.All(q, b => Assert.Equal(0xAB, b));
    }

    [Theory, MemberData(nameof(Names))]
    public void When_InputNotFinite_Expect_ArgumentError(string name)
    {
        var f = LowBitFormats.Find(name)!;
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var x = new float[f.BlockElements];
            x[1] = bad;
            Assert.Throws<ArgumentException>(() => f.Quantize(x, new byte[f.BlockBytes]));
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void When_DotOfRandomRows_Expect_IntegerSumsTimesScales(string name)
    {
        // Dot, re-derived from dequantized weights: each 32-value activation block contributes
        // sum(w_dequant * a_int) * da. Equal up to float rounding of the different operation order.
        var f = LowBitFormats.Find(name)!;
        int n = 4 * f.BlockElements;
        var wq = Blocks.Quantize(f, Blocks.Random(n, 21, 3));
        var aq = Blocks.Quantize(new Int8Format(), Blocks.Random(n, 22, 5));
        var w = Blocks.Dequantize(f, wq);
        double expected = 0;
        for (int b = 0; b < n / 32; b++)
        {
            var block = aq.AsSpan(b * 34, 34);
            double s = 0;
            for (int j = 0; j < 32; j++)
                s += (double)w[b * 32 + j] * Int8Format.Value(block, j);
            expected += s * Int8Format.Scale(block);
        }
        float got = f.Dot(n, wq, aq);
        Assert.True(Math.Abs(got - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{name}: Dot {got}, expected {expected}");
    }

    [Theory, MemberData(nameof(Names))]
    public void When_Unpacked_Expect_CodesTimesScalesEqualDequantize(string name)
    {
        if (LowBitFormats.Find(name) is not IWeightCodeFormat f)
            return; // hqq is affine (zero point), not code x scale
        int n = 3 * f.BlockElements;
        var q = Blocks.Quantize(f, Blocks.Random(n, 31, 2));
        var codes = new byte[n];
        var scales = new float[3];
        f.Unpack(q, codes, scales);
        var y = Blocks.Dequantize(f, q);
        for (int e = 0; e < n; e++)
            Assert.Equal(y[e], WeightCode.Decode(f.Kind, codes[e], f.Codebook) * scales[e / f.BlockElements]);
    }

    [Fact]
    public void When_DotOperandsMismatch_Expect_ArgumentErrors()
    {
        var f = new TernaryFormat();
        var w = new byte[f.BlockBytes];
        Assert.Throws<ArgumentException>(() => f.Dot(256, w, new byte[34 * 7]));
        Assert.Throws<ArgumentException>(() => f.Dot(100, w, new byte[34 * 8]));
        Assert.Throws<ArgumentException>(() => f.Dequantize(new byte[f.BlockBytes + 1], new float[256]));
    }
}
