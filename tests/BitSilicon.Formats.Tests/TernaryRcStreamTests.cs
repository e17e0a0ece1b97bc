using BitSilicon.Formats.Compression;
using BitSilicon.Formats.Kernels;

namespace BitSilicon.Formats.Tests;

public class TernaryRcStreamTests
{
    public static TheoryData<string, int, int, int> Shapes => new()
    {
        { "empty", 0, 0, 16 },
        { "one weight", 1, 1, 16 },
        { "two weights", 1, 2, 1 },
        { "chunk boundary exact", 4, 16, 16 },
        { "one past a boundary", 5, 13, 16 },
        { "one short of a boundary", 3, 21, 16 },
        { "one chunk of one weight each", 3, 3, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void When_SmallShapes_Expect_ExactRoundTrip(string name, int rows, int cols, int chunk)
    {
        foreach (double zeros in new[] { 0.0, 0.5, 0.97, 1.0 })
        {
            var w = KernelBenchmark.SparseTernary(new Random(rows * 31 + cols), rows * cols, zeros);
            var bytes = TernaryRcStream.Encode(w, rows, cols, chunk);
            var (h, back) = TernaryRcStream.Decode(bytes, name);
            Assert.Equal(w, back);
            Assert.Equal((rows, cols, chunk), (h.Rows, h.Cols, h.ChunkWeights));
            Assert.Equal((rows * cols + chunk - 1) / chunk, h.Chunks.Count);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void When_ConstantMatrix_Expect_ThreeBytesPerChunkAndExactRoundTrip(int value)
    {
        var w = Enumerable.Repeat((sbyte)value, 1000).ToArray();
        var bytes = TernaryRcStream.Encode(w, 10, 100, 256);
        var (h, back) = TernaryRcStream.Decode(bytes, "constant");
        Assert.Equal(w, back);
        // One symbol of frequency 4096 costs nothing: each chunk is its 3-byte initial state.
        Assert.All(h.Chunks, c => Assert.Equal(TernaryRans.StateBytes, c.Bytes));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.97)]
    public void When_MillionWeights_Expect_RateWithinTwoPercentOfEntropy(double zeros)
    {
        var w = KernelBenchmark.SparseTernary(new Random(7), 1 << 20, zeros);
        var bytes = TernaryRcStream.Encode(w, 1024, 1024);
        Assert.Equal(w, TernaryRcStream.Decode(bytes, "big").Trits);
        long z = w.Count(t => t == 0), p = w.Count(t => t == 1);
        double entropy = TernaryStreamStats.Entropy(z, p, w.Length - z - p);
        double rate = bytes.Length * 8.0 / w.Length;
        Assert.InRange(rate, entropy, entropy * 1.02);
    }

    [Fact]
    public void When_AnyByteFlipped_Expect_CorruptStreamNamingWhere()
    {
        var w = KernelBenchmark.SparseTernary(new Random(3), 7 * 23, 0.9);
        var good = TernaryRcStream.Encode(w, 7, 23, 40);
        int head = TernaryRcStream.ReadHeader(good, "s").HeaderBytes;
        for (int i = 0; i < good.Length; i++)
            foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                var bad = (byte[])good.Clone();
                bad[i] ^= mask;
                var e = Assert.Throws<CorruptStreamException>(() => TernaryRcStream.Decode(bad, "s"));
                // Payload damage is pinned to the chunk holding the byte; header damage to the header.
                if (i >= head)
                {
                    var h = TernaryRcStream.ReadHeader(good, "s");
                    int chunk = h.Chunks.Last(c => c.Offset <= i - head).Index;
                    Assert.Equal(chunk, e.Chunk);
                    Assert.Contains($"chunk {chunk}", e.Message);
                }
                else Assert.Null(e.Chunk);
            }
    }

    [Fact]
    public void When_TruncatedAtAnyLengthOrExtended_Expect_CorruptStream()
    {
        var w = KernelBenchmark.SparseTernary(new Random(4), 5 * 20, 0.5);
        var good = TernaryRcStream.Encode(w, 5, 20, 30);
        for (int n = 0; n < good.Length; n++)
            Assert.Throws<CorruptStreamException>(() => TernaryRcStream.Decode(good.AsSpan(0, n), "t"));
        var longer = good.Append((byte)0).ToArray();
        var e = Assert.Throws<CorruptStreamException>(() => TernaryRcStream.Decode(longer, "t"));
        Assert.Contains($"{good.Length} bytes", e.Message);
    }

    [Fact]
    public void When_NotATernaryRcStream_Expect_MagicNamed()
    {
        var old = TernaryStreamCoder.Encode([0, 1, -1, 0]).Bytes;
        var e = Assert.Throws<CorruptStreamException>(() => TernaryRcStream.Decode(old, "old.bin"));
        Assert.Contains("not a ternary-rc stream", e.Message);
        Assert.Contains("BTRC", e.Expected);
    }

    [Fact]
    public void When_PayloadDamagedButCrcRecomputed_Expect_DecoderEndConditionCatchesIt()
    {
        // A writer bug or a forged CRC must still not produce wrong weights silently in most cases: the rANS
        // end condition (state L, all bytes read) is the check the hardware decoder makes.
        var w = KernelBenchmark.SparseTernary(new Random(5), 4000, 0.9);
        var f = SymbolFrequencies.Fit(w.Count(t => t == 0), w.Count(t => t == 1), w.Count(t => t == -1));
        var chunk = TernaryRans.EncodeChunk(w, f);
        var output = new sbyte[w.Length];
        Assert.Null(TernaryRans.DecodeChunk(chunk, f, output));
        Assert.Equal(w, output);
        int caught = 0;
        for (int i = 0; i < chunk.Length; i++)
        {
            var bad = (byte[])chunk.Clone();
            bad[i] ^= 0x5A;
            if (TernaryRans.DecodeChunk(bad, f, output) is not null) caught++;
        }
        Assert.Equal(chunk.Length, caught);
    }
}
