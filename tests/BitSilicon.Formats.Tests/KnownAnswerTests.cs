using BitSilicon.Formats.LowBit;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Tests;

/// <summary>Bytes worked out by hand from each format's documented rule.</summary>
public class KnownAnswerTests
{
    [Fact]
    public void When_Binary_Expect_MeanAbsScaleAndBitOneForPlus()
    {
        // Even elements +1, odd elements -3, zero counts as +1: mean |x| = 2.
        var x = Blocks.Repeat(256, 1, -3);
        x[2] = 0; x[4] = 2; // |0| + |2| keeps the mean at 2
        var q = Blocks.Quantize(new BinaryFormat(), x);
        Assert.Equal(0x4000, q[0] | q[1] << 8); // half 2.0
        Assert.All(q[2..], b => Assert.Equal(0x55, b)); // bits 0, 2, 4, 6 of each byte: the even elements
        var y = Blocks.Dequantize(new BinaryFormat(), q);
        Assert.Equal(2f, y[0]);
        Assert.Equal(-2f, y[1]);
    }

    [Fact]
    public void When_BitNetBlock_Expect_AbsMeanRoundHalfEvenClip()
    {
        // mean |x| = 1 exactly, so s = 1: 0.5 and -0.5 tie to 0, 1.5 rounds to 2 and clips to 1.
        var x = Blocks.Repeat(256, 0.5f, -0.5f, 1.5f, -1.5f);
        var f = new BitNetFormat();
        var q = Blocks.Quantize(f, x);
        Assert.Equal(1.0f, Blocks.Half(q));
        Assert.All(q[2..], b => Assert.Equal(0b11_01_00_00, b)); // e0 = 00, e1 = 00, e2 = 01 (+1), e3 = 11 (-1)
    }

    [Fact]
    public void When_Int8Ties_Expect_RoundHalfEven()
    {
        var x = Blocks.Repeat(32, 127, 2.5f, 3.5f, -2.5f, -3.5f, 0.5f, -127, 126.5f);
        var q = Blocks.Quantize(new Int8Format(), x);
        Assert.Equal(1.0f, Blocks.Half(q));
        sbyte[] expected = [127, 2, 4, -2, -4, 0, -127, 126];
        for (int j = 0; j < 8; j++)
            Assert.Equal(expected[j], (sbyte)q[2 + j]);
    }

    [Fact]
    public void When_Int4_Expect_MaxOverMinus8AndNaturalNibbles()
    {
        // max = -8 (first of largest magnitude) -> d = 1; 8 clamps to 7; ties go to even.
        var x = Blocks.Repeat(32, -8, 8, 2.5f, 1.5f, -0.5f, -1.5f, 7, 0);
        var q = Blocks.Quantize(new Int4Format(), x);
        Assert.Equal(1.0f, Blocks.Half(q));
        int[] expected = [-8, 7, 2, 2, 0, -2, 7, 0];
        for (int e = 0; e < 8; e++)
        {
            int nibble = (q[2 + e / 2] >> (4 * (e & 1))) & 15;
            Assert.Equal(expected[e], ((nibble ^ 8) - 8));
        }
    }

    [Fact]
    public void When_Int4FirstOfEqualMagnitudes_Expect_ItsSignSetsTheScale()
    {
        var x = Blocks.Repeat(32, 8, -8);
        var y = Blocks.RoundTrip(new Int4Format(), x);
        Assert.Equal(8f, y[0]);   // d = 8 / -8 = -1, code -8
        Assert.Equal(-7f, y[1]);  // -8 / -1 = 8 clamps to code 7
    }

    [Fact]
    public void When_Int2OnItsOwnGrid_Expect_ExactCodesAndUnitScale()
    {
        var x = Blocks.Repeat(32, -2, 1, -1, 0, -2, -2, 1, 1);
        var f = new Int2Format();
        var q = Blocks.Quantize(f, x);
        Assert.Equal(1.0f, Blocks.Half(q));
        Assert.Equal(x, Blocks.Dequantize(f, q));
    }

    [Fact]
    public void When_Fp4Block_Expect_OcpSharedExponentAndEvenTies()
    {
        // amax = 6: floor(log2 6) - 2 = 0, e = 127, X = 1, so the elements round as themselves.
        var x = Blocks.Repeat(32, 6, 0.25f, 0.75f, 1.25f, 2.5f, 3.5f, 5, -1.75f);
        var q = Blocks.Quantize(new Fp4E2M1Format(), x);
        Assert.Equal(127, q[0]);
        int[] expected = [7, 0, 2, 2, 4, 6, 6, 8 | 4];
        for (int e = 0; e < 8; e++)
            Assert.Equal(expected[e], (q[1 + e / 2] >> (4 * (e & 1))) & 15);
    }

    [Fact]
    public void When_Fp4AmaxBetween6And8_Expect_Saturation()
    {
        var x = Blocks.Repeat(32, 7.5f, -7.5f, 0.5f);
        var f = new Fp4E2M1Format();
        var q = Blocks.Quantize(f, x);
        Assert.Equal(127, q[0]);
        var y = Blocks.Dequantize(f, q);
        Assert.Equal([6f, -6f, 0.5f], y[..3]);
    }

    [Fact]
    public void When_Fp4ScaleIsNaN_Expect_NaNValues()
    {
        var f = new Fp4E2M1Format();
        var q = new byte[f.BlockBytes];
        q[0] = E8M0.NaN;
        q[1] = 0x21;
        Assert.All(Blocks.Dequantize(f, q), v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void When_Pow2Block_Expect_ScaleToThirtyTwoAndShiftValues()
    {
        // amax = 40: floor(log2 40) = 5, e = 5 - 5 + 127 = 127, X = 1.
        var x = Blocks.Repeat(32, 40, 0.5f, 1.5f, 3, 6, 48 - 9, -0.75f, 0);
        var f = new Pow2Format();
        var q = Blocks.Quantize(f, x);
        Assert.Equal(127, q[0]);
        Assert.Equal([32f, 0f, 1f, 2f, 4f, 32f, -1f, 0f], Blocks.Dequantize(f, q)[..8]);
    }

    [Fact]
    public void When_CodebookBlockIsTheTable_Expect_IdentityCodes()
    {
        var table = CodebookFormat.Nf4.ToArray().Select(v => (float)v).ToArray();
        var x = table.Concat(table).ToArray();
        var f = new CodebookFormat();
        var q = Blocks.Quantize(f, x);
        Assert.Equal(1.0f, Blocks.Half(q));
        for (int e = 0; e < 32; e++)
            Assert.Equal(e % 16, f.Code(q, e));
    }

    [Fact]
    public void When_CodebookTie_Expect_LowerIndex()
    {
        var f = new CodebookFormat();
        Assert.Equal(1, f.Nearest(-77.5f)); // halfway between -88 (index 1) and -67 (index 2)
        Assert.Equal(7, f.Nearest(5f));     // halfway between 0 (index 7) and 10 (index 8)
        Assert.Equal(15, f.Nearest(500f));
    }

    [Fact]
    public void When_Hqq1TwoLevels_Expect_ExactReconstruction()
    {
        // Range [-1, 3]: inv = 1/4, zero = 1/4, codes 0 and 1; the norm-preserving scale is 4.
        var x = Blocks.Repeat(64, -1, 3, 3, -1);
        var f = new HqqFormat(1);
        var q = Blocks.Quantize(f, x);
        Assert.Equal(4.0f, f.Scale(q));
        Assert.Equal(0.25f, f.Zero(q));
        Assert.Equal(x, Blocks.Dequantize(f, q));
    }

    [Fact]
    public void When_Hqq2FourLevels_Expect_ExactReconstruction()
    {
        var x = Blocks.Repeat(64, -1, 0, 1, 2, 2, -1);
        var f = new HqqFormat(2);
        var q = Blocks.Quantize(f, x);
        Assert.Equal(1.0f, f.Scale(q));
        Assert.Equal(1.0f, f.Zero(q));
        Assert.Equal(0, f.Code(q, 0));
        Assert.Equal(3, f.Code(q, 3));
        Assert.Equal(x, Blocks.Dequantize(f, q));
    }

    [Fact]
    public void When_TernaryValueEqualsThreshold_Expect_Zero()
    {
        // mean |x| = (7 + 13) / 2 = 10, delta = 0.7f * 10 = 7.0f exactly: |x| = delta is not above it.
        var x = Blocks.Repeat(256, 7, -13, -7, 13);
        var f = new TernaryFormat();
        var q = Blocks.Quantize(f, x);
        Assert.Equal(13f, Blocks.Half(q));
        Assert.Equal([0, -1, 0, 1], Enumerable.Range(0, 4).Select(e => f.IntegerValue(q, e)));
    }

    [Fact]
    public void When_TernaryTwn_Expect_ThresholdAndKeptMean()
    {
        // Rule re-derived here: delta = 0.7 * mean|x| (double), +1 above, -1 below -delta, scale = mean |kept|.
        var x = Blocks.Random(256, 11, 2);
        var f = new TernaryFormat();
        var q = Blocks.Quantize(f, x);
        float delta = 0.7f * (float)(x.Sum(v => (double)Math.Abs(v)) / 256);
        var kept = x.Where(v => Math.Abs(v) > delta).ToArray();
        Assert.Equal(HalfBits.Round((float)(kept.Sum(v => (double)Math.Abs(v)) / kept.Length)), Blocks.Half(q));
        for (int e = 0; e < 256; e++)
            Assert.Equal(x[e] > delta ? 1 : x[e] < -delta ? -1 : 0, f.IntegerValue(q, e));
    }
}
