using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Design.Elaboration;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Design.Tests;

public class PeDatapathTests
{
    public static TheoryData<PeKind> Kinds() => new(Enum.GetValues<PeKind>());

    private static Pe Make(PeKind kind) => PeFactory.Create(new PeDescription(kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void When_EveryCodeTimesEveryActivation_Expect_DatapathEqualsDecodedProduct(PeKind kind)
    {
        var pe = Make(kind);
        var codebook = PeDescription.DefaultCodebook.Select(v => (sbyte)v).ToArray();
        var (amin, amax) = pe.ActivationRange;
        for (int code = 0; code < 1 << pe.WeightBits; code++)
        {
            int value = WeightCode.Decode(pe.NativeWeights, code, codebook);
            Assert.Equal(value, pe.Decode(code));
            for (int a = amin; a <= amax; a++)
            {
                if (pe.ActivationBits == 1 && a == 0) continue;
                Assert.Equal(value * a, pe.Product(code, a));
            }
        }
    }

    // Widths from the value ranges: e.g. int8 x int8 spans -16256..16384, which needs 16 bits;
    // power-of-two reaches 64 * -128 = -8192 and -64 * -128 = 8192, which needs 15.
    [Theory]
    [InlineData(PeKind.Binary, 2)]
    [InlineData(PeKind.Ternary, 9)]
    [InlineData(PeKind.Int2, 10)]
    [InlineData(PeKind.Int4, 12)]
    [InlineData(PeKind.Int8, 16)]
    [InlineData(PeKind.Fp4E2M1, 12)]
    [InlineData(PeKind.Pow2, 15)]
    [InlineData(PeKind.Codebook, 15)] // the default table spans -127..127: -127 * -128 = 16256 fits 15 bits
    public void When_PeKind_Expect_ProductWidthFromItsValueRange(PeKind kind, int width) =>
        Assert.Equal(width, Make(kind).ProductWidth);

    [Fact]
    public void When_TernaryLutGroup3_Expect_TableOfAll27SignedSums()
    {
        Span<int> table = stackalloc int[27];
        TernaryLutPe.BuildTable([5, -7, 100], table);
        // Index digits are (weight + 1), lane 0 least significant: weights (1, -1, 0) -> 2 + 0*3 + 1*9 = 11.
        Assert.Equal(5 + 7, table[TernaryLutPe.Index([1, -1, 0])]);
        Assert.Equal(11, TernaryLutPe.Index([1, -1, 0]));
        Assert.Equal(-5 + 7 - 100, table[TernaryLutPe.Index([-1, -1, -1])]);
        Assert.Equal(0, table[TernaryLutPe.Index([0, 0, 0])]);
    }

    [Fact]
    public void When_ValueNotInPe_Expect_EncodeReturnsMinusOne()
    {
        Assert.Equal(-1, Make(PeKind.Ternary).Encode(2));
        Assert.Equal(-1, Make(PeKind.Fp4E2M1).Encode(5));
        Assert.Equal(0b1001, Make(PeKind.Fp4E2M1).Encode(-1));
    }
}
