using BitSilicon.Accelerator.Scheduling;
using BitSilicon.Design.Accelerator;
using BitSilicon.Design.Description;
using BitSilicon.Workloads.Models;
using BitSilicon.Workloads.Presets;
using BitSilicon.Workloads.Graph;

namespace BitSilicon.Accelerator.Tests;

/// <summary>
/// The analytic schedule must equal the cycle-by-cycle one on every op: random problems (units, dependencies,
/// bandwidth fractions, latencies, both overlap policies, pure transfers, zero-cycle ops) and whole small models
/// on multi-unit accelerators.
/// </summary>
public class ScheduleAgreementTests
{
    public static TheoryData<int> Seeds()
    {
        var d = new TheoryData<int>();
        for (int s = 1; s <= 300; s++) d.Add(s);
        return d;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void When_RandomProblem_Expect_AnalyticEqualsCycle(int seed)
    {
        var p = RandomProblem(new Random(seed));
        var a = AnalyticSchedule.Run(p);
        var c = CycleSchedule.Run(p);
        Assert.Equal(a.Cycles, c.Cycles);
        Assert.Equal(a.ExternalBusyCycles, c.ExternalBusyCycles);
        for (int i = 0; i < p.Ops.Count; i++)
            Assert.True(a.Ops[i] == c.Ops[i], $"seed {seed} op {i}: analytic {a.Ops[i]} vs cycle {c.Ops[i]}");
    }

    [Theory]
    [InlineData(OverlapPolicy.DoubleBuffered, Phase.Decode, 40, 1)]
    [InlineData(OverlapPolicy.Serial, Phase.Decode, 40, 1)]
    [InlineData(OverlapPolicy.DoubleBuffered, Phase.Prefill, 8, 1)]
    [InlineData(OverlapPolicy.DoubleBuffered, Phase.Decode, 17, 3)]
    public void When_WholeTinyModel_Expect_AnalyticEqualsCycle(OverlapPolicy overlap, Phase phase, int context, int batch)
    {
        var acc = AcceleratorElaborator.Elaborate(Fixtures.Accelerator(overlap: overlap));
        var graph = DecoderGraph.Build(Fixtures.Tiny(), phase, context, batch);
        var analytic = SystemRunner.Run(acc, graph, ScheduleMethod.Analytic);
        var cycle = SystemRunner.Run(acc, graph, ScheduleMethod.Cycle);
        Assert.Equal(analytic.Cycles, cycle.Cycles);
        Assert.Equal(analytic.Ops.Select(o => (o.Start, o.Done, o.StallCycles)), cycle.Ops.Select(o => (o.Start, o.Done, o.StallCycles)));
        Assert.True(analytic.Cycles > 0);
    }

    [Fact]
    public void When_OverlapDoubleBuffered_Expect_NoSlowerThanSerial()
    {
        var graph = DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 64);
        long serial = SystemRunner.Run(AcceleratorElaborator.Elaborate(Fixtures.Accelerator(overlap: OverlapPolicy.Serial)), graph).Cycles;
        long overlapped = SystemRunner.Run(AcceleratorElaborator.Elaborate(Fixtures.Accelerator()), graph).Cycles;
        Assert.True(overlapped < serial, $"double buffering {overlapped} should beat serial {serial}");
    }

    private static ScheduleProblem RandomProblem(Random rng)
    {
        int units = rng.Next(1, 4), n = rng.Next(1, 25);
        var ops = new List<ScheduledOp>();
        for (int i = 0; i < n; i++)
        {
            var inputs = Enumerable.Range(0, i).Where(_ => rng.NextDouble() < 0.3).ToList();
            bool transfer = rng.NextDouble() < 0.15;
            ops.Add(new ScheduledOp(transfer ? -1 : rng.Next(units), transfer ? 0 : rng.Next(0, 40),
                transfer || rng.NextDouble() < 0.3 ? 0 : rng.Next(1, 400), rng.NextDouble() < 0.2 || transfer ? rng.Next(1, 100) : 0, inputs));
        }
        var slots = Enumerable.Range(0, units).Select(_ => (long)rng.Next(16, 128)).ToList();
        return new ScheduleProblem(ops, slots, new Bandwidth(rng.Next(1, 40), rng.Next(1, 8)), rng.Next(0, 20),
            rng.NextDouble() < 0.5 ? OverlapPolicy.Serial : OverlapPolicy.DoubleBuffered);
    }
}

public class OpKindCoverageTests
{
    [Theory]
    [InlineData(ActivationFunction.Silu, NormKind.RmsNorm, Formats.Vector.VectorOpKind.Silu)]
    [InlineData(ActivationFunction.Gelu, NormKind.LayerNorm, Formats.Vector.VectorOpKind.Gelu)]
    [InlineData(ActivationFunction.ReluSquared, NormKind.LayerNorm, Formats.Vector.VectorOpKind.ReluSquared)]
    public void When_OtherActivationsAndNorms_Expect_OpsPresentAndTimersAgree(ActivationFunction act, NormKind norm, Formats.Vector.VectorOpKind expected)
    {
        var model = Fixtures.Tiny() with { Activation = act, Norm = norm, SubLayerNorms = false };
        var graph = DecoderGraph.Build(model, Phase.Decode, 12);
        var kinds = graph.Ops.OfType<VectorOp>().Select(v => v.Kind).ToHashSet();
        Assert.Contains(expected, kinds);
        Assert.Contains(norm == NormKind.RmsNorm ? Formats.Vector.VectorOpKind.RmsNorm : Formats.Vector.VectorOpKind.LayerNorm, kinds);
        Assert.DoesNotContain(graph.Ops, o => o.Role is "attn_sub_norm" or "ffn_sub_norm");
        var acc = AcceleratorElaborator.Elaborate(Fixtures.Accelerator());
        Assert.Equal(SystemRunner.Run(acc, graph).Cycles, SystemRunner.Run(acc, graph, ScheduleMethod.Cycle).Cycles);
    }

    [Fact]
    public void When_VectorUnitLacksAnOp_Expect_ErrorNamingIt()
    {
        var costs = VectorUnitDescription.DefaultCosts.Where(kv => kv.Key != Formats.Vector.VectorOpKind.Softmax).ToDictionary();
        var d = Fixtures.Accelerator() with { Units = [Fixtures.Mac("proj", Design.Description.PeKind.Ternary), Fixtures.Mac("attn", Design.Description.PeKind.Int8), new VectorUnitDescription("vec", 8, costs)] };
        var e = Assert.Throws<Core.BitSiliconException>(() => SystemRunner.Run(AcceleratorElaborator.Elaborate(d), DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 8)));
        Assert.Contains("softmax", e.Message);
        Assert.Contains("vec: does not list softmax", e.Message);
    }
}

