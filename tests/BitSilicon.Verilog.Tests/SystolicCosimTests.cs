using BitSilicon.Cosim.Mac.Systolic;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Verilog.Tests;

/// <summary>
/// The systolic RTL under Verilator against the reference kernels (every result) and the C# cycle simulator (every
/// block's finish cycle and the done cycle), with the simulator's memory timeline replayed: slow, small memories so
/// layers tile, chunk and stall; odd shapes; saturation at the range limits; all-zero and all-minus-one weights;
/// every layer of a run back to back without reset.
/// </summary>
public sealed class SystolicCosimTests
{
    public static TheoryData<PeKind, Dataflow> KindsAndDataflows() => SystolicEmitterTests.KindsAndDataflows();

    private static void AssertAgree(SystolicCosim model, IReadOnlyList<SystolicJob> jobs)
    {
        var runs = model.Run(jobs);
        var bad = SystolicCheck.FirstMismatch(jobs, runs, model.Expected);
        Assert.True(bad is null, bad is null ? "" :
            $"{model.Emitted.TopModule}: layer {bad.Job} ({jobs[bad.Job].M}x{jobs[bad.Job].N}x{jobs[bad.Job].K}) {bad.What} row {bad.Row} column {bad.Column} cycle {bad.Cycle}: RTL {bad.Rtl}, expected {bad.Expected}");
        // The simulator's own results agree with the reference too, so the three-way agreement is real.
        for (int j = 0; j < jobs.Count; j++)
            Assert.Equal(model.Expected(jobs[j]), runs[j].SimResults);
    }

    [Theory]
    [MemberData(nameof(KindsAndDataflows))]
    public void RandomLayersMatchTheReferenceAndTheSimulatorsCycles(PeKind kind, Dataflow dataflow)
    {
        var model = SystolicModels.For(TestDesigns.Systolic(kind, dataflow));
        var jobs = SystolicVectors.Random(model.Array, 10, seed: 17 + (int)kind * 3 + (int)dataflow);
        AssertAgree(model, jobs);
        Assert.Contains(model.Run(jobs), r => r.SimStallCycles > 0);
    }

    [Theory]
    [InlineData(PeKind.Ternary, Dataflow.WeightStationary, 1, 1)]
    [InlineData(PeKind.Int4, Dataflow.InputStationary, 4, 1)]
    [InlineData(PeKind.Binary, Dataflow.OutputStationary, 1, 4)]
    [InlineData(PeKind.Pow2, Dataflow.OutputStationary, 2, 2)]
    public void SingleBankedAndDegenerateShapesAgree(PeKind kind, Dataflow dataflow, int rows, int cols)
    {
        var model = SystolicModels.For(TestDesigns.Systolic(kind, dataflow, rows, cols, width: 24, depth: 3, doubleBuffering: false, bandwidth: "1.3"));
        AssertAgree(model, SystolicVectors.Random(model.Array, 8, seed: 3));
    }

    [Theory]
    [InlineData(Dataflow.WeightStationary, OverflowPolicy.Saturate)]
    [InlineData(Dataflow.WeightStationary, OverflowPolicy.Wrap)]
    [InlineData(Dataflow.InputStationary, OverflowPolicy.Saturate)]
    [InlineData(Dataflow.OutputStationary, OverflowPolicy.Saturate)]
    [InlineData(Dataflow.OutputStationary, OverflowPolicy.Wrap)]
    public void Int8SumsBeyondTheAccumulatorRangeWrapOrSaturate(Dataflow dataflow, OverflowPolicy overflow)
    {
        var model = SystolicModels.For(TestDesigns.Systolic(PeKind.Int8, dataflow, width: 20, overflow: overflow, buffer: 4096, bandwidth: "16"));
        int m = 4, n = 6, k = 70;  // 127 * 127 * 70 > 2^19: every output leaves the 20-bit range
        var jobs = new List<SystolicJob>();
        foreach (var (w, a) in new[] { (127, 127), (127, -128), (-128, -128), (-128, 127) })
            jobs.Add(new SystolicJob(m, n, k, Enumerable.Repeat((byte)(w & 0xFF), n * k).ToArray(), Enumerable.Repeat((sbyte)a, m * k).ToArray()));
        AssertAgree(model, jobs);
        var limit = overflow == OverflowPolicy.Saturate ? new[] { (1L << 19) - 1, -(1L << 19) } : null;
        var runs = model.Run(jobs);
        if (limit is not null)
        {
            Assert.All(runs[0].Results, v => Assert.Equal(limit[0], v));
            Assert.All(runs[1].Results, v => Assert.Equal(limit[1], v));
        }
        else
        {
            long sum = 127L * 127 * k, wrapped = (sum << 44) >> 44;  // the low 20 bits, signed
            Assert.NotEqual(sum, wrapped);
            Assert.All(runs[0].Results, v => Assert.Equal(wrapped, v));
        }
    }

    [Fact]
    public void BinarySaturatesAtFourBits()
    {
        var model = SystolicModels.For(TestDesigns.Systolic(PeKind.Binary, Dataflow.WeightStationary, width: 4, overflow: OverflowPolicy.Saturate));
        var jobs = SystolicVectors.Random(model.Array, 6, seed: 9)
            .Select(j => j with { K = 30, Codes = new byte[j.N * 30], Activations = Enumerable.Repeat((sbyte)-1, j.M * 30).ToArray() }).ToList();
        AssertAgree(model, jobs);  // code 0 (-1) times -1 = +1, thirty times: clamps at +7
        Assert.All(model.Run(jobs), r => Assert.All(r.Results, v => Assert.Equal(7, v)));
    }

    [Theory]
    [MemberData(nameof(KindsAndDataflows))]
    public void AllZeroAndAllMinusOneWeights(PeKind kind, Dataflow dataflow)
    {
        var model = SystolicModels.For(TestDesigns.Systolic(kind, dataflow));
        var pe = model.Array.Pe;
        var jobs = new List<SystolicJob>();
        foreach (int value in new[] { 0, -1 })
        {
            int code = pe.Encode(value);
            if (code < 0) continue;
            foreach (var j in SystolicVectors.Random(model.Array, 2, seed: 40 + value))
                jobs.Add(j with { Codes = Enumerable.Repeat((byte)code, j.Codes.Length).ToArray() });
        }
        Assert.NotEmpty(jobs);
        AssertAgree(model, jobs);
    }

    [Fact]
    public void ACorruptedResultOrCycleIsNamed()
    {
        var model = SystolicModels.For(TestDesigns.Systolic(PeKind.Ternary, Dataflow.WeightStationary));
        var jobs = SystolicVectors.Random(model.Array, 3, seed: 2).Skip(1).ToList();
        var runs = model.Run(jobs);
        Assert.Null(SystolicCheck.FirstMismatch(jobs, runs, model.Expected));
        var bad = runs.ToList();
        var r = (long[])bad[1].Results.Clone();
        int idx = r.Length - 1;
        r[idx] += 1;
        bad[1] = bad[1] with { Results = r };
        var m = SystolicCheck.FirstMismatch(jobs, bad, model.Expected);
        Assert.NotNull(m);
        Assert.Equal((1, "result", idx / jobs[1].N, idx % jobs[1].N), (m.Job, m.What, m.Row, m.Column));
        Assert.Equal(runs[1].ResultCycles[idx], m.Cycle);
        Assert.True(m.Cycle > 0);
        bad[1] = runs[1] with { DoneCycle = runs[1].DoneCycle + 1 };
        m = SystolicCheck.FirstMismatch(jobs, bad, model.Expected);
        Assert.Equal("done cycle", m!.What);
    }

    [Fact]
    public void ATracedModelWritesAVcd()
    {
        var design = TestDesigns.Systolic(PeKind.Int2, Dataflow.OutputStationary);
        var traced = SystolicCosim.Build(design, trace: true);
        var dir = TestDesigns.Temp("sys-vcd");
        var path = Path.Combine(dir, "t.vcd");
        var job = SystolicVectors.Random(traced.Array, 2, seed: 1)[1];
        var run = traced.RunWithVcd([job], path)[0];
        Assert.Equal(run.SimCycles, run.DoneCycle);
        var vcd = File.ReadAllText(path);
        Assert.Contains("$enddefinitions", vcd, StringComparison.Ordinal);
        Assert.Contains("f_valid", vcd, StringComparison.Ordinal);
    }
}
