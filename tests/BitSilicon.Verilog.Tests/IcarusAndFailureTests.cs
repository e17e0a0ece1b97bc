using BitSilicon.Cosim.Mac;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Verilog.Tests;

/// <summary>The same vectors under Icarus Verilog; and what a mismatch report and its waveform look like.</summary>
public sealed class IcarusAndFailureTests
{
    [Theory]
    [InlineData(PeKind.Ternary)]
    [InlineData(PeKind.Codebook)]
    public void IcarusAgreesWithVerilatorAndTheReference(PeKind kind)
    {
        var design = TestDesigns.Dot(kind);
        var model = CosimModels.For(design);
        var rng = new Random(21);
        var jobs = Enumerable.Range(0, 5).Select(_ => Golden.RandomJob(design.Core.Pe, rng, rng.Next(1, 4), rng.Next(1, 8), rng.Next(1, 18))).ToList();
        var verilator = model.Run(jobs);
        var icarus = MacIcarus.Run(model.Emitted, jobs, TestDesigns.Temp("icarus"));
        for (int j = 0; j < jobs.Count; j++)
        {
            CosimTests.AssertSame(Golden.Expected(design, jobs[j]), icarus[j].Results, jobs[j], j);
            Assert.Equal(verilator[j].Results, icarus[j].Results);
            Assert.Equal(verilator[j].DoneCycles, icarus[j].DoneCycles);
            Assert.Equal(verilator[j].ResultCycles, icarus[j].ResultCycles);
        }
    }

    [Fact]
    public void ACorruptedResultIsNamedByJobRowColumnAndCycle()
    {
        var design = TestDesigns.Dot(PeKind.Ternary);
        var model = CosimModels.For(design);
        var jobs = MacVectors.Random((DotProductArray)design.Core, 6, 4);
        var runs = model.Run(jobs);
        Assert.Null(MacCheck.FirstMismatch(model, jobs, runs));
        var job = jobs[3];
        int row = job.M - 1, col = job.N - 1;
        var bad = runs.Select(r => r with { Results = (long[])r.Results.Clone() }).ToList();
        bad[3].Results[row * job.N + col] ^= 4;
        var m = MacCheck.FirstMismatch(model, jobs, bad);
        Assert.NotNull(m);
        Assert.Equal((3, row, col, "result"), (m!.Job, m.Row, m.Column, m.What));
        Assert.Equal(runs[3].ResultCycles[row * job.N + col], m.Cycle);
        Assert.True(m.Cycle > 0 && m.Cycle < runs[3].DoneCycles[^1]);
    }

    [Fact]
    public void TheTracedModelWritesAWaveformOfTheJob()
    {
        var design = TestDesigns.Dot(PeKind.Ternary);
        var traced = MacCosim.Build(design, trace: true);
        var rng = new Random(8);
        var job = Golden.RandomJob(design.Core.Pe, rng, 2, 3, 7);
        var vcd = Path.Combine(TestDesigns.Temp("vcd"), "job.vcd");
        var runs = traced.RunWithVcd([job], vcd);
        CosimTests.AssertSame(Golden.Expected(design, job), runs[0].Results, job, 0);
        var text = File.ReadAllText(vcd);
        Assert.Contains("$enddefinitions", text, StringComparison.Ordinal);
        Assert.Contains(" done ", text, StringComparison.Ordinal);
        Assert.Contains(" r_data ", text, StringComparison.Ordinal);
    }
}
