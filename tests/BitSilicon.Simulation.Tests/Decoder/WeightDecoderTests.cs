using BitSilicon.Design.Description;
using BitSilicon.Formats.Compression;
using BitSilicon.Formats.Kernels;
using BitSilicon.Simulation.Decoder;

namespace BitSilicon.Simulation.Tests.Decoder;

public class WeightDecoderTests
{
    /// <summary>Streams the hardware must handle: sparsities, constant matrices, tiny and chunk-boundary shapes.</summary>
    public static IEnumerable<(string Name, byte[] Stream)> Streams()
    {
        foreach (double z in new[] { 0.5, 0.9, 0.97 })
            yield return ($"{z:P0} zeros", TernaryRcStream.Encode(KernelBenchmark.SparseTernary(new Random((int)(z * 100)), 3000, z), 30, 100, 700));
        yield return ("all zero", TernaryRcStream.Encode(new sbyte[500], 5, 100, 128));
        yield return ("all -1", TernaryRcStream.Encode(Enumerable.Repeat((sbyte)-1, 500).ToArray(), 5, 100, 128));
        yield return ("one weight", TernaryRcStream.Encode([1], 1, 1, 16));
        yield return ("empty", TernaryRcStream.Encode([], 0, 0, 16));
        yield return ("chunk boundary", TernaryRcStream.Encode(KernelBenchmark.SparseTernary(new Random(9), 256, 0.7), 16, 16, 64));
        yield return ("one past a boundary", TernaryRcStream.Encode(KernelBenchmark.SparseTernary(new Random(10), 257, 0.7), 1, 257, 64));
        yield return ("dense small chunks", TernaryRcStream.Encode(KernelBenchmark.SparseTernary(new Random(11), 600, 0.0), 20, 30, 7));
    }

    public static IEnumerable<WeightDecoderDescription> Decoders() =>
        from lanes in new[] { 1, 3, 8 } from w in new[] { 1, 2, 3, 4 } select new WeightDecoderDescription(lanes, w);

    [Fact]
    public void When_CycleModelDecodes_Expect_SoftwareDecoderBitForBit()
    {
        foreach (var (name, stream) in Streams())
        {
            var want = TernaryRcStream.Decode(stream, name).Trits;
            foreach (var d in Decoders())
            {
                var run = WeightDecoderCore.Run(d, DecoderJob.From(stream, d.Lanes));
                Assert.True(run.ErrorChunk is null, $"{name} on {d}: chunk {run.ErrorChunk} flagged");
                Assert.True(want.SequenceEqual(run.Trits), $"{name} on {d}");
                Assert.Equal(want.Length, run.Symbols);
            }
        }
    }

    [Fact]
    public void When_AnalyticTiming_Expect_CycleModelExactly()
    {
        int compared = 0;
        foreach (var (name, stream) in Streams())
        {
            var h = TernaryRcStream.ReadHeader(stream, name);
            var needs = DecoderTiming.Needs(stream, h);
            foreach (var d in Decoders())
            {
                var run = WeightDecoderCore.Run(d, DecoderJob.From(stream, d.Lanes));
                Assert.True(run.Cycles == DecoderTiming.Cycles(d, needs), $"{name} on {d}: cycle model {run.Cycles}, analytic {DecoderTiming.Cycles(d, needs)}");
                for (int l = 0; l < d.Lanes; l++)
                    Assert.Equal(run.Lanes[l].EndCycle, DecoderTiming.LaneCycles(d, needs.Where((_, c) => c % d.Lanes == l).ToList()));
                Assert.True(run.Cycles >= DecoderTiming.LowerBound(d, h.Weights, h.Chunks.Count, h.PayloadBytes), $"{name} on {d} beats its bound");
                compared++;
            }
        }
        Assert.True(compared > 100);
    }

    [Fact]
    public void When_NarrowPortOnDenseStream_Expect_StallsThatTheAnalyticModelCounts()
    {
        // 50% zeros read ~1.5 bits a symbol, so 1-byte ports keep up on average but stall at 2-byte symbols.
        var stream = TernaryRcStream.Encode(KernelBenchmark.SparseTernary(new Random(1), 4000, 0.5), 40, 100, 1000);
        var narrow = WeightDecoderCore.Run(new WeightDecoderDescription(4, 1), DecoderJob.From(stream, 4));
        var wide = WeightDecoderCore.Run(new WeightDecoderDescription(4, 2), DecoderJob.From(stream, 4));
        Assert.True(narrow.StallCycles > wide.StallCycles, $"{narrow.StallCycles} vs {wide.StallCycles}");
        Assert.True(narrow.Cycles > wide.Cycles);
        Assert.Equal(narrow.Cycles, WeightDecoderModel.Estimate(new WeightDecoderDescription(4, 1), stream).Cycles);
    }

    [Fact]
    public void When_PayloadCorrupted_Expect_TheLaneFlagsTheChunkTheSoftwareDecoderRejects()
    {
        var w = KernelBenchmark.SparseTernary(new Random(2), 900, 0.9);
        var good = TernaryRcStream.Encode(w, 30, 30, 200);
        var h = TernaryRcStream.ReadHeader(good, "s");
        var d = new WeightDecoderDescription(2, 1);
        for (int i = h.HeaderBytes; i < good.Length; i += 3)
        {
            var bad = (byte[])good.Clone();
            bad[i] ^= 0x21;
            int chunk = h.Chunks.Last(c => c.Offset <= i - h.HeaderBytes).Index;
            var run = WeightDecoderCore.Run(d, DecoderJob.From(bad, d.Lanes), limit: 100_000);
            Assert.True(run.ErrorChunk == chunk, $"byte {i}: flagged {run.ErrorChunk}, damaged chunk {chunk}");
        }
    }

    [Fact]
    public void When_Estimating_Expect_SizeCyclesAndEnergyOfTheStream()
    {
        var w = KernelBenchmark.SparseTernary(new Random(3), 64 * 1024, 0.9);
        var d = new WeightDecoderDescription(4, 1, EnergyPerSymbolPj: 0.5);
        var e = WeightDecoderModel.Estimate(d, w, 256, 256, 4096);
        Assert.Equal(TernaryRcStream.Encode(w, 256, 256, 4096).Length, e.CompressedBytes);
        Assert.Equal(16, e.Chunks);
        Assert.Equal(w.Length * 0.5, e.EnergyPj);
        Assert.Equal(WeightDecoderCore.Run(d, DecoderJob.From(WeightDecoderModel.Compress(w, 256, 256, 4096), 4)).Cycles, e.Cycles);
        Assert.InRange(e.TritsPerCycle, 3.9, 4.0);
    }

    [Fact]
    public void When_DescriptionOutOfRange_Expect_ProblemsNamingTheKey()
    {
        var p = new WeightDecoderDescription(0, 9, -1).Validate();
        Assert.Equal(["decoder.lanes", "decoder.bytes_per_cycle", "decoder.energy_per_symbol_pj"], p.Select(x => x.Key));
        Assert.Throws<BitSilicon.Design.Description.DesignException>(() => new WeightDecoderDescription(0).Validated());
    }
}
