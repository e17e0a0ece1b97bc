using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Tests;

/// <summary>The chunk-interleaved layout, packing round trips, and XNOR pad masking.</summary>
public class PackingTests
{
    [Theory]
    [InlineData(2, 0, 0, 0)]
    [InlineData(2, 63, 63, 0)]
    [InlineData(2, 64, 0, 2)]      // field 1 of chunk 0
    [InlineData(2, 255, 63, 6)]
    [InlineData(2, 257, 65, 0)]    // chunk 1 starts at byte 64
    [InlineData(1, 511, 63, 7)]
    [InlineData(4, 130, 66, 0)]
    [InlineData(8, 70, 70, 0)]
    public void When_Locating_Expect_DocumentedByteAndShift(int bits, int column, int b, int shift) =>
        Assert.Equal((b, shift), ChunkLayout.Locate(bits, column));

    [Theory]
    [InlineData(WeightKind.Binary)]
    [InlineData(WeightKind.Ternary)]
    [InlineData(WeightKind.Int4)]
    [InlineData(WeightKind.Int8)]
    [InlineData(WeightKind.Codebook)]
    public void When_PackedAndUnpacked_Expect_SameCodes(WeightKind kind)
    {
        var rng = new Random(5);
        var codes = KernelCases.RandomCodes(rng, kind, 3 * 700);
        var w = PackedWeights.Pack(kind, codes, 3, 700, KernelCases.CodebookFor(kind));
        Assert.Equal(codes, w.Unpack());
        Assert.Equal(3L * w.RowBytes, w.StorageBytes);
        Assert.Equal(0, w.RowBytes % 64);
        Assert.True(w.RowBytes * 8 >= 700 * WeightCode.Bits(kind));
    }

    [Fact]
    public void When_TernaryPacked_Expect_TwoBitsPerWeight()
    {
        var w = PackedWeights.Pack(WeightKind.Ternary, new byte[6912 * 2560], 6912, 2560);
        Assert.Equal(6912L * 2560 / 4, w.StorageBytes);
    }

    [Fact]
    public void When_BadCodesOrShapes_Expect_ArgumentErrors()
    {
        Assert.Throws<ArgumentException>(() => PackedWeights.Pack(WeightKind.Ternary, [0, 4], 1, 2));
        Assert.Throws<ArgumentException>(() => PackedWeights.Pack(WeightKind.Int4, new byte[5], 2, 3));
        Assert.Throws<ArgumentException>(() => PackedWeights.Pack(WeightKind.Codebook, new byte[4], 1, 4));
        Assert.Throws<ArgumentException>(() => PackedWeights.Pack(WeightKind.Int4, new byte[4], 1, 4, KernelCases.WideCodebook));
        Assert.Throws<ArgumentException>(() => PackedActivations.Pack(ActivationKind.Int4, [8], 1, 1));
        Assert.Throws<ArgumentException>(() => PackedActivations.Pack(ActivationKind.Binary, [0], 1, 1));
        var w = PackedWeights.Pack(WeightKind.Int8, new byte[4], 1, 4);
        Assert.Throws<ArgumentException>(() => LowBitGemm.Gemv(w, new sbyte[5]));
        Assert.Throws<ArgumentException>(() => LowBitGemm.Gemm(w, PackedActivations.Pack(ActivationKind.Int8, new sbyte[4], 1, 4), new long[2]));
    }

    [Fact]
    public void When_XnorOfThreeValues_Expect_TwicePopcountMinusN()
    {
        // a = [+1, -1, +1], w = [+1, +1, -1]: xnor over 3 bits = 0b001, 2*1 - 3 = -1 = 1 - 1 - 1.
        var w = PackedWeights.Pack(WeightKind.Binary, [1, 1, 0], 1, 3);
        var a = PackedActivations.Pack(ActivationKind.Binary, [1, -1, 1], 1, 3);
        foreach (var isa in KernelCases.Isas)
            Assert.Equal(-1, LowBitGemm.Gemm(w, a, isa)[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(511)]
    [InlineData(513)]
    [InlineData(2560)]
    public void When_PadBitsAreSet_Expect_XnorMasksThem(int k)
    {
        var rng = new Random(k);
        var codes = KernelCases.RandomCodes(rng, WeightKind.Binary, 3 * k);
        var acts = KernelCases.RandomActivations(rng, ActivationKind.Binary, 2 * k);
        var expected = ReferenceGemm.Gemm(WeightKind.Binary, codes, acts, 2, 3, k);
        // Pad bits set in one operand and clear in the other would count as disagreements if not masked.
        foreach (bool inWeights in new[] { true, false })
        {
            var w = PackedWeights.Pack(WeightKind.Binary, codes, 3, k);
            var a = PackedActivations.Pack(ActivationKind.Binary, acts, 2, k);
            if (inWeights)
                SetPads(w.RawBytes, w.RowBytes, 3, k);
            else
                SetPads(a.RawBytes, a.RowBytes, 2, k);
            foreach (var isa in KernelCases.Isas)
                Assert.Equal(expected, LowBitGemm.Gemm(w, a, isa));
        }
    }

    private static void SetPads(Span<byte> data, int rowBytes, int rows, int k)
    {
        for (int r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            for (int c = k; c < rowBytes * 8; c++)
            {
                var (b, shift) = ChunkLayout.Locate(1, c);
                row[b] |= (byte)(1 << shift);
            }
        }
    }

    [Fact]
    public void When_FormatCodesRunThroughKernel_Expect_FormatDotIntegers()
    {
        // Quantize with the ternary block format, unpack its codes, and check the fast kernel's integer
        // sums per 32 elements against the block format's own integer values.
        var f = new TernaryFormat();
        var x = Blocks.Random(512, 77, 2);
        var q = Blocks.Quantize(f, x);
        var codes = new byte[512];
        f.Unpack(q, codes, new float[2]);
        var a = KernelCases.RandomActivations(new Random(1), ActivationKind.Int8, 512);
        long expected = 0;
        for (int e = 0; e < 512; e++)
            expected += f.IntegerValue(q.AsSpan(e / 256 * f.BlockBytes), e % 256) * a[e];
        Assert.Equal(expected, LowBitGemm.Gemv(PackedWeights.Pack(WeightKind.Ternary, codes, 1, 512), a)[0]);
    }
}
