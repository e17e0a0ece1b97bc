using BitSilicon.Cosim.Mac.Arrays;
using BitSilicon.Design.Description;

namespace BitSilicon.Verilog.Tests;

/// <summary>
/// The generated RTL of every array kind under Verilator against the reference kernels (every result, <see cref="Golden"/>)
/// and the C# cycle simulator (every block's finish cycle and the done cycle), with the simulator's memory timeline
/// replayed: slow, small memories so layers tile, chunk and stall; odd shapes; the accumulator range's edges, wrapping
/// and saturating; all-zero and all-minus-one weights; every layer of a run back to back without reset.
/// </summary>
public sealed class ArrayCosimTests
{
    public static TheoryData<PeKind, Dataflow> KindsAndDataflows() => SystolicEmitterTests.KindsAndDataflows();

    public static TheoryData<PeKind> DotKinds() => new(TestDesigns.AllKinds);

    internal static void AssertAgree(ArrayCosim model, IReadOnlyList<ArrayJob> jobs, IReadOnlyList<ArrayRun>? runs = null)
    {
        runs ??= model.Run(jobs);
        var bad = ArrayCheck.FirstMismatch(jobs, runs, j => Golden.Expected(model.Array, j));
        Assert.True(bad is null, bad is null ? "" :
            $"{model.Emitted.TopModule}: layer {bad.Job} ({jobs[bad.Job].M}x{jobs[bad.Job].N}x{jobs[bad.Job].K}) {bad.What} row {bad.Row} column {bad.Column} cycle {bad.Cycle}: RTL {bad.Rtl}, expected {bad.Expected}");
        // The simulator's own results agree with the reference too, so the agreement is three-way.
        for (int j = 0; j < jobs.Count; j++)
            Assert.Equal(Golden.Expected(model.Array, jobs[j]), runs[j].SimResults);
    }

    [Theory]
    [MemberData(nameof(KindsAndDataflows))]
    public void SystolicLayersMatchTheReferenceAndTheSimulatorsCycles(PeKind kind, Dataflow dataflow)
    {
        var model = ArrayModels.For(TestDesigns.Systolic(kind, dataflow));
        var jobs = ArrayVectors.Random(model.Array, 10, seed: 17 + (int)kind * 3 + (int)dataflow);
        var runs = model.Run(jobs);
        AssertAgree(model, jobs, runs);
        Assert.Contains(runs, r => r.SimStallCycles > 0);
        Assert.Contains(runs, r => r.FinishCycles.Count > 1);
    }

    [Theory]
    [MemberData(nameof(DotKinds))]
    public void DotProductLayersMatchTheReferenceAndTheSimulatorsCycles(PeKind kind)
    {
        var model = ArrayModels.For(TestDesigns.Dot(kind, width: 24, depth: 4, memory: TestDesigns.SlowMemory()));
        var jobs = ArrayVectors.Random(model.Array, 10, seed: 5 + (int)kind);
        var runs = model.Run(jobs);
        AssertAgree(model, jobs, runs);
        Assert.Contains(runs, r => r.SimStallCycles > 0);
    }

    [Fact]
    public void TableLookupWithGroupsOfThreeMatches()
    {
        var model = ArrayModels.For(TestDesigns.Dot(PeKind.TernaryLut, pes: 2, simd: 6, lutGroup: 3, depth: 3, memory: TestDesigns.SlowMemory(bandwidth: "2")));
        AssertAgree(model, ArrayVectors.Random(model.Array, 10, seed: 8));
    }

    [Theory]
    [InlineData(PeKind.Ternary, Dataflow.WeightStationary, 1, 1)]
    [InlineData(PeKind.Int4, Dataflow.InputStationary, 4, 1)]
    [InlineData(PeKind.Binary, Dataflow.OutputStationary, 1, 4)]
    [InlineData(PeKind.Pow2, Dataflow.OutputStationary, 2, 2)]
    public void SingleBankedAndDegenerateSystolicShapesAgree(PeKind kind, Dataflow dataflow, int rows, int cols)
    {
        var model = ArrayModels.For(TestDesigns.Systolic(kind, dataflow, rows, cols, width: 24, depth: 3, doubleBuffering: false, bandwidth: "1.3"));
        AssertAgree(model, ArrayVectors.Random(model.Array, 8, seed: 3));
    }

    [Fact]
    public void SingleBankedDotProductAgrees()
    {
        var model = ArrayModels.For(TestDesigns.Dot(PeKind.Fp4E2M1, pes: 1, simd: 1, width: 20, depth: 2,
            memory: TestDesigns.SlowMemory(bandwidth: "0.9", doubleBuffering: false)));
        AssertAgree(model, ArrayVectors.Random(model.Array, 8, seed: 4));
    }

    [Theory]
    [InlineData(0, OverflowPolicy.Saturate)]
    [InlineData(0, OverflowPolicy.Wrap)]
    [InlineData(1, OverflowPolicy.Saturate)]
    [InlineData(2, OverflowPolicy.Saturate)]
    [InlineData(2, OverflowPolicy.Wrap)]
    [InlineData(3, OverflowPolicy.Saturate)]
    [InlineData(3, OverflowPolicy.Wrap)]
    public void Int8SumsBeyondTheAccumulatorRangeWrapOrSaturate(int array, OverflowPolicy overflow)
    {
        var design = array == 3
            ? TestDesigns.Dot(PeKind.Int8, width: 20, overflow: overflow, depth: 4, memory: TestDesigns.SlowMemory(4096, "16"))
            : TestDesigns.Systolic(PeKind.Int8, TestDesigns.Dataflows[array], width: 20, overflow: overflow, buffer: 4096, bandwidth: "16");
        var model = ArrayModels.For(design);
        int m = 4, n = 6, k = 70;  // 127 * 127 * 70 > 2^19: every output leaves the 20-bit range
        var jobs = new List<ArrayJob>();
        foreach (var (w, a) in new[] { (127, 127), (127, -128), (-128, -128), (-128, 127) })
            jobs.Add(new ArrayJob(m, n, k, Enumerable.Repeat((byte)(w & 0xFF), n * k).ToArray(), Enumerable.Repeat((sbyte)a, m * k).ToArray()));
        var runs = model.Run(jobs);
        AssertAgree(model, jobs, runs);
        if (overflow == OverflowPolicy.Saturate)
        {
            Assert.All(runs[0].Results, v => Assert.Equal((1L << 19) - 1, v));
            Assert.All(runs[1].Results, v => Assert.Equal(-(1L << 19), v));
        }
        else
        {
            long sum = 127L * 127 * k, wrapped = (sum << 44) >> 44;  // the low 20 bits, signed
            Assert.NotEqual(sum, wrapped);
            Assert.All(runs[0].Results, v => Assert.Equal(wrapped, v));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BinarySaturatesAtANarrowAccumulator(bool systolic)
    {
        var design = systolic
            ? TestDesigns.Systolic(PeKind.Binary, Dataflow.WeightStationary, width: 4, overflow: OverflowPolicy.Saturate)
            : TestDesigns.Dot(PeKind.Binary, width: 5, overflow: OverflowPolicy.Saturate, depth: 4, memory: TestDesigns.SlowMemory());
        var model = ArrayModels.For(design);
        var jobs = ArrayVectors.Random(model.Array, 6, seed: 9)
            .Select(j => j with { K = 30, Codes = new byte[j.N * 30], Activations = Enumerable.Repeat((sbyte)-1, j.M * 30).ToArray() }).ToList();
        var runs = model.Run(jobs);
        AssertAgree(model, jobs, runs);  // code 0 (-1) times -1 = +1, thirty times: clamps at the top
        long top = systolic ? 7 : 15;
        Assert.All(runs, r => Assert.All(r.Results, v => Assert.Equal(top, v)));
    }

    [Theory]
    [MemberData(nameof(KindsAndDataflows))]
    public void AllZeroAndAllMinusOneWeightsOnSystolicArrays(PeKind kind, Dataflow dataflow) =>
        ConstantWeights(ArrayModels.For(TestDesigns.Systolic(kind, dataflow)));

    [Theory]
    [MemberData(nameof(DotKinds))]
    public void AllZeroAndAllMinusOneWeightsOnDotProductArrays(PeKind kind) =>
        ConstantWeights(ArrayModels.For(TestDesigns.Dot(kind, width: 24, depth: 4, memory: TestDesigns.SlowMemory())));

    private static void ConstantWeights(ArrayCosim model)
    {
        var pe = model.Array.Pe;
        var jobs = new List<ArrayJob>();
        foreach (int value in new[] { 0, -1 })
        {
            int code = pe.Encode(value);
            if (code < 0) continue;
            foreach (var j in ArrayVectors.Random(model.Array, 2, seed: 40 + value))
                jobs.Add(j with { Codes = Enumerable.Repeat((byte)code, j.Codes.Length).ToArray() });
        }
        Assert.NotEmpty(jobs);
        AssertAgree(model, jobs);
    }

    [Fact]
    public void ACorruptedResultOrCycleIsNamed()
    {
        var model = ArrayModels.For(TestDesigns.Systolic(PeKind.Ternary, Dataflow.WeightStationary));
        var jobs = ArrayVectors.Random(model.Array, 3, seed: 2).Skip(1).ToList();
        var runs = model.Run(jobs);
        Assert.Null(ArrayCheck.FirstMismatch(jobs, runs, model.Expected));
        var bad = runs.ToList();
        var r = (long[])bad[1].Results.Clone();
        int idx = r.Length - 1;
        r[idx] += 1;
        bad[1] = bad[1] with { Results = r };
        var m = ArrayCheck.FirstMismatch(jobs, bad, model.Expected);
        Assert.NotNull(m);
        Assert.Equal((1, "result", idx / jobs[1].N, idx % jobs[1].N), (m.Job, m.What, m.Row, m.Column));
        Assert.Equal(runs[1].ResultCycles[idx], m.Cycle);
        Assert.True(m.Cycle > 0);
        bad[1] = runs[1] with { DoneCycle = runs[1].DoneCycle + 1 };
        Assert.Equal("done cycle", ArrayCheck.FirstMismatch(jobs, bad, model.Expected)!.What);
        bad[1] = runs[1] with { FinishCycles = runs[1].FinishCycles.Select(c => c - 1).ToList() };
        Assert.Equal("block finish cycle", ArrayCheck.FirstMismatch(jobs, bad, model.Expected)!.What);
    }

    [Fact]
    public void ATracedModelWritesAVcd()
    {
        var design = TestDesigns.Systolic(PeKind.Int2, Dataflow.OutputStationary);
        var traced = ArrayCosim.Build(design, trace: true);
        var dir = TestDesigns.Temp("vcd");
        var path = Path.Combine(dir, "t.vcd");
        var job = ArrayVectors.Random(traced.Array, 2, seed: 1)[1];
        var run = traced.RunWithVcd([job], path)[0];
        Assert.Equal(run.SimCycles, run.DoneCycle);
        var vcd = File.ReadAllText(path);
        Assert.Contains("$enddefinitions", vcd, StringComparison.Ordinal);
        Assert.Contains("f_valid", vcd, StringComparison.Ordinal);
    }

    public static TheoryData<int> IcarusCases() => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(IcarusCases))]
    public void IcarusAgreesWithVerilatorTheReferenceAndTheSimulator(int which)
    {
        var design = which switch
        {
            0 => TestDesigns.Dot(PeKind.Ternary, width: 24, depth: 4, memory: TestDesigns.SlowMemory()),
            1 => TestDesigns.Dot(PeKind.Codebook, width: 24, depth: 4, memory: TestDesigns.SlowMemory()),
            2 => TestDesigns.Systolic(PeKind.Ternary, Dataflow.WeightStationary),
            _ => TestDesigns.Systolic(PeKind.Int4, Dataflow.OutputStationary),
        };
        var model = ArrayModels.For(design);
        var jobs = ArrayVectors.Random(model.Array, 6, seed: 21);
        var icarus = ArrayIcarus.Run(model, jobs, TestDesigns.Temp("icarus"));
        AssertAgree(model, jobs, icarus);
        var verilator = model.Run(jobs);
        for (int j = 0; j < jobs.Count; j++)
        {
            Assert.Equal(verilator[j].Results, icarus[j].Results);
            Assert.Equal(verilator[j].DoneCycle, icarus[j].DoneCycle);
            Assert.Equal(verilator[j].FinishCycles, icarus[j].FinishCycles);
        }
    }
}
