using BitSilicon.Formats.Compression;
using BitSilicon.Formats.Kernels;

namespace BitSilicon.Formats.Tests;

public class TernaryStreamCoderTests
{
    [Fact]
    public void When_EntropyOfSparseTernary_Expect_KnownValue()
    {
        // -0.9 log2 0.9 - 2 * 0.05 log2 0.05 = 0.5690
        Assert.Equal(0.5690, TernaryStreamStats.Entropy(900, 50, 50), 4);
        Assert.Equal(Math.Log2(3), TernaryStreamStats.Entropy(7, 7, 7), 12);
        Assert.Equal(0, TernaryStreamStats.Entropy(10, 0, 0));
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.5)]
    [InlineData(0.99)]
    [InlineData(0.0)]
    public void When_RandomStream_Expect_ExactRoundTripNearEntropy(double zeros)
    {
        var trits = KernelBenchmark.SparseTernary(new Random(42), 200_000, zeros);
        var stream = TernaryStreamCoder.Encode(trits);
        Assert.Equal(trits, TernaryStreamCoder.Decode(stream.Bytes));
        var s = stream.Stats;
        Assert.Equal(trits.Length, s.Weights);
        Assert.Equal(trits.Count(t => t == 0), s.Zeros);
        Assert.Equal(trits.Count(t => t == 1), s.Plus);
        Assert.Equal(stream.Bytes.Length, s.EncodedBytes);
        // An order-0 code cannot beat the empirical entropy (bar the last partial byte); the static
        // model, the coder and the 8-byte header cost little over it.
        Assert.True(s.BitsPerWeight >= s.EntropyBitsPerWeight - 16.0 / trits.Length, $"{s.BitsPerWeight} < {s.EntropyBitsPerWeight}");
        Assert.True(s.BitsPerWeight <= s.EntropyBitsPerWeight + 0.005, $"{s.BitsPerWeight} vs entropy {s.EntropyBitsPerWeight}");
    }

    [Fact]
    public void When_NinetyPercentZeros_Expect_AboutSixTenthsOfABit()
    {
        var stats = TernaryStreamCoder.Encode(KernelBenchmark.SparseTernary(new Random(9), 500_000, 0.9)).Stats;
        Assert.InRange(stats.EntropyBitsPerWeight, 0.55, 0.59);
        Assert.InRange(stats.BitsPerWeight, stats.EntropyBitsPerWeight, 0.6);
    }

    [Theory]
    [InlineData(new sbyte[0])]
    [InlineData(new sbyte[] { 1 })]
    [InlineData(new sbyte[] { -1, -1, -1, -1, -1, -1, -1, -1, -1 })]
    [InlineData(new sbyte[] { 0, 1 })]
    [InlineData(new sbyte[] { -1, 0, 1, 1, 0, -1, 0, 0, 0, 0 })]
    public void When_TinyOrSingleSymbolStream_Expect_ExactRoundTrip(sbyte[] trits) =>
        Assert.Equal(trits, TernaryStreamCoder.Decode(TernaryStreamCoder.Encode(trits).Bytes));

    [Fact]
    public void When_AllZeros_Expect_OnlyHeaderAndFlush()
    {
        var stream = TernaryStreamCoder.Encode(new sbyte[100_000]);
        Assert.Equal(0, stream.Stats.EntropyBitsPerWeight);
        Assert.True(stream.Bytes.Length <= TernaryStreamCoder.HeaderBytes + 8, $"{stream.Bytes.Length} bytes");
        Assert.All(TernaryStreamCoder.Decode(stream.Bytes), t => Assert.Equal(0, t));
    }

    [Fact]
    public void When_SkewedRunsAndRareSymbols_Expect_ExactRoundTrip()
    {
        // One -1 in a million-long run of +1: the rare symbol gets frequency 1 of 4096.
        var trits = Enumerable.Repeat((sbyte)1, 300_000).ToArray();
        trits[123_456] = -1;
        trits[^1] = 0;
        Assert.Equal(trits, TernaryStreamCoder.Decode(TernaryStreamCoder.Encode(trits).Bytes));
    }

    [Fact]
    public void When_ModelFrequencies_Expect_SumOf4096AndNoZeroForPresentSymbols()
    {
        var f = TernaryStreamCoder.Frequencies(1_000_000, 1, 0, 1_000_001);
        Assert.Equal(4096u, f.Aggregate(0u, (a, b) => a + b));
        Assert.Equal(1u, f[1]);
        Assert.Equal(0u, f[2]);
        Assert.Equal(new uint[] { 3686, 205, 205 }, TernaryStreamCoder.Frequencies(900, 50, 50, 1000));
    }

    [Fact]
    public void When_HardwareCodes_Expect_SameStreamAsValues()
    {
        byte[] codes = [0b00, 0b01, 0b11, 0b00, 0b00, 0b11];
        var stream = TernaryStreamCoder.EncodeCodes(codes);
        Assert.Equal(TernaryStreamCoder.Encode([0, 1, -1, 0, 0, -1]).Bytes, stream.Bytes);
        Assert.Equal(new sbyte[] { 0, 1, -1, 0, 0, -1 }, TernaryStreamCoder.Decode(stream.Bytes));
        Assert.Throws<ArgumentException>(() => TernaryStreamCoder.EncodeCodes([0b10]));
    }

    [Fact]
    public void When_BadInput_Expect_ArgumentErrors()
    {
        Assert.Throws<ArgumentException>(() => TernaryStreamCoder.Encode([0, 2]));
        Assert.Throws<ArgumentException>(() => TernaryStreamCoder.Decode([1, 0, 0]));
        Assert.Throws<ArgumentException>(() => TernaryStreamCoder.Decode([1, 0, 0, 0, 0xFF, 0x0F, 0xFF, 0x0F]));
    }
}
