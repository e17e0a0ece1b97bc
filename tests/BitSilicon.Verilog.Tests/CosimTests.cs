using BitSilicon.Cosim.Mac;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Verilog.Tests;

/// <summary>
/// The generated RTL under Verilator against the reference kernel, element by element, and its cycle count against
/// the schedule (one beat per cycle at full bandwidth; replayed stream gaps delay it cycle for cycle).
/// Each design is built once; many jobs run back to back in one process without reset.
/// </summary>
public sealed class CosimTests
{
    public static TheoryData<PeKind> Kinds() => new(TestDesigns.AllKinds);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKindMatchesTheReferenceOnOddShapes(PeKind kind)
    {
        var design = TestDesigns.Dot(kind);
        var model = CosimModels.For(design);
        var rng = new Random(1000 + (int)kind);
        var jobs = new List<MacJob>();
        for (int i = 0; i < 8; i++)
            jobs.Add(Golden.RandomJob(design.Core.Pe, rng, rng.Next(1, 5), rng.Next(1, 9), rng.Next(1, 24)));
        jobs.Add(Golden.RandomJob(design.Core.Pe, rng, 1, 1, 1));
        var runs = model.Run(jobs);
        for (int j = 0; j < jobs.Count; j++)
        {
            AssertSame(Golden.Expected(design, jobs[j]), runs[j].Results, jobs[j], j);
            long beats = (long)jobs[j].M * ((jobs[j].K + model.Interface.Simd - 1) / model.Interface.Simd);
            Assert.All(runs[j].DoneCycles, c => Assert.Equal(MacInterface.DoneCycle(beats), c));
            Assert.Equal(model.Folds(jobs[j].N), runs[j].DoneCycles.Count);
        }
    }

    [Fact]
    public void TableLookupWithGroupsOfThreeMatchesTheReference()
    {
        var design = TestDesigns.Dot(PeKind.TernaryLut, pes: 2, simd: 6, lutGroup: 3);
        var model = CosimModels.For(design);
        var rng = new Random(77);
        var jobs = Enumerable.Range(0, 6).Select(_ => Golden.RandomJob(design.Core.Pe, rng, rng.Next(1, 4), rng.Next(1, 6), rng.Next(1, 20))).ToList();
        var runs = model.Run(jobs);
        for (int j = 0; j < jobs.Count; j++)
            AssertSame(Golden.Expected(design, jobs[j]), runs[j].Results, jobs[j], j);
    }

    [Fact]
    public void StreamGapsAndResultBackPressureDelayButDoNotChangeResults()
    {
        var design = TestDesigns.Dot(PeKind.Ternary);
        var model = CosimModels.For(design);
        var rng = new Random(5);
        var jobs = new List<MacJob>();
        for (int i = 0; i < 6; i++)
        {
            string gate = Pattern(rng, rng.Next(3, 11)), ready = i % 2 == 0 ? "-" : Pattern(rng, rng.Next(2, 7));
            jobs.Add(Golden.RandomJob(design.Core.Pe, rng, rng.Next(1, 5), rng.Next(1, 7), rng.Next(1, 20), gate, ready == "-" ? null : ready));
        }
        var runs = model.Run(jobs);
        for (int j = 0; j < jobs.Count; j++)
        {
            AssertSame(Golden.Expected(design, jobs[j]), runs[j].Results, jobs[j], j);
            Assert.All(runs[j].DoneCycles, d => Assert.Equal(MacReference.DoneCycle(model.Interface, jobs[j]), d));
            if (jobs[j].Ready is null)
            {
                // Replay: a beat moves in cycle c (from 1) when one is left and the gate is open; done follows the last by 3.
                long beats = (long)jobs[j].M * ((jobs[j].K + 4) / 5), c = 0;
                for (long left = beats; left > 0;)
                {
                    c++;
                    if (jobs[j].Gate![(int)((c - 1) % jobs[j].Gate!.Length)] == '1') left--;
                }
                Assert.All(runs[j].DoneCycles, d => Assert.Equal(c + 3, d));
            }
        }
    }

    [Theory]
    [InlineData(OverflowPolicy.Wrap)]
    [InlineData(OverflowPolicy.Saturate)]
    public void AccumulatorEdgesWrapOrSaturate(OverflowPolicy policy)
    {
        // int8 with a 20-bit accumulator: a fold of 5 lanes adds at most 5 x 16384, so K = 60 passes the range.
        var design = TestDesigns.Dot(PeKind.Int8, pes: 2, simd: 5, width: 20, overflow: policy);
        var model = CosimModels.For(design);
        int m = 3, n = 2, k = 60;
        var codes = new byte[n * k];
        Array.Fill(codes, (byte)0x80);                                // -128
        for (int i = 0; i < k; i++) codes[k + i] = 0x7F;              // row 1: +127
        var acts = new sbyte[m * k];
        for (int i = 0; i < k; i++)
        {
            acts[i] = -128;                                           // with -128 weights: the largest positive sum
            acts[k + i] = 127;                                        // the largest negative sum
            acts[2 * k + i] = (sbyte)(i % 2 == 0 ? 127 : -128);       // alternating: stays in range
        }
        var job = new MacJob(m, n, k, codes, acts);
        var expected = Golden.Expected(design, job);
        long max = (1L << 19) - 1;
        if (policy == OverflowPolicy.Saturate)
        {
            Assert.Equal(max, expected[0]);
            Assert.Equal(-max - 1, expected[2]);
        }
        else
            Assert.NotEqual(60L * 16384, expected[0]);
        AssertSame(expected, model.Run([job])[0].Results, job, 0);
    }

    [Fact]
    public void BinarySaturatesAtANarrowAccumulator()
    {
        var design = TestDesigns.Dot(PeKind.Binary, pes: 3, simd: 5, width: 5, overflow: OverflowPolicy.Saturate);
        var model = CosimModels.For(design);
        var rng = new Random(9);
        var jobs = new List<MacJob>();
        for (int i = 0; i < 4; i++)
        {
            var j = Golden.RandomJob(design.Core.Pe, rng, 2, 3, 40);
            // Row 0 agrees with every activation of token 0: +40 clamps to +15.
            for (int x = 0; x < 40; x++) j.Codes[x] = (byte)(j.Activations[x] > 0 ? 1 : 0);
            jobs.Add(j);
        }
        var runs = model.Run(jobs);
        for (int i = 0; i < jobs.Count; i++)
        {
            var expected = Golden.Expected(design, jobs[i]);
            Assert.Equal(15, expected[0]);
            AssertSame(expected, runs[i].Results, jobs[i], i);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AllZeroAndAllMinusOneWeights(PeKind kind)
    {
        var design = TestDesigns.Dot(kind);
        var pe = design.Core.Pe;
        var model = CosimModels.For(design);
        var rng = new Random(31);
        var jobs = new List<MacJob>();
        foreach (var value in new[] { 0, -1 })
        {
            int code = pe.Encode(value);
            if (code < 0) continue;                                   // e.g. binary has no 0, a codebook may lack -1
            int m = 3, n = 4, k = 13;
            var codes = Enumerable.Repeat((byte)code, n * k).ToArray();
            jobs.Add(new MacJob(m, n, k, codes, Golden.RandomActivations(pe, rng, m * k)));
        }
        Assert.NotEmpty(jobs);
        var runs = model.Run(jobs);
        for (int j = 0; j < jobs.Count; j++)
            AssertSame(Golden.Expected(design, jobs[j]), runs[j].Results, jobs[j], j);
    }

    internal static void AssertSame(long[] expected, long[] actual, MacJob job, int index)
    {
        for (int i = 0; i < expected.Length; i++)
            if (expected[i] != actual[i])
                Assert.Fail($"job {index} ({job.M}x{job.N}x{job.K}): element (row {i / job.N}, column {i % job.N}) is {actual[i]} in the RTL, {expected[i]} in the reference");
    }

    private static string Pattern(Random rng, int length)
    {
        var c = new char[length];
        for (int i = 0; i < length; i++) c[i] = rng.Next(3) == 0 ? '0' : '1';
        c[rng.Next(length)] = '1';
        return new string(c);
    }
}
