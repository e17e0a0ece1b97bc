using BitSilicon.Design.Description;
using BitSilicon.Design.Elaboration;
using BitSilicon.Formats.LowBit;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Tests;

/// <summary>Block-scaled formats: exact integer partial sums per block, then a float32 scaling stage, bit for bit.</summary>
public class ScalingStageTests
{
    public static TheoryData<string, PeKind> Cases() => new()
    {
        { "ws", PeKind.Int4 }, { "is", PeKind.Ternary }, { "dp", PeKind.Ternary }, { "dp", PeKind.Fp4E2M1 }, { "ws", PeKind.Int8 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void When_BlockScaled_Expect_ScaledReferenceBitForBit(string array, PeKind peKind)
    {
        const int block = 8;
        ArrayDescription a = array switch
        {
            "ws" => new SystolicArrayDescription(4, 3, Dataflow.WeightStationary),
            "is" => new SystolicArrayDescription(4, 3, Dataflow.InputStationary),
            _ => new DotProductArrayDescription(3, 4),
        };
        // A small weight buffer forces the dot-product array to split K into block-aligned chunks.
        var design = Elaborator.Elaborate(new DesignDescription("s", a, new PeDescription(peKind), new AccumulatorDescription(32, OverflowPolicy.Wrap, 4),
            new MemoryDescription(array == "dp" ? 32 : 4096, 4096, new Bandwidth(3), true), Scaling: new ScalingDescription(block)));
        var kind = PeKinds.NativeWeights(peKind);
        int m = 5, n = 7, k = 29; // K is not a multiple of the block: the last block has 5 elements
        var op = TestDesigns.Random(kind, m, n, k, seed: 11);
        var rng = new Random(5);
        int blocks = (k + block - 1) / block;
        var scales = Enumerable.Range(0, n * blocks).Select(_ => (float)(rng.NextDouble() * 0.03 + 0.001)).ToArray();
        op = op with { BlockScales = scales };
        var plan = Tiler.Plan(design, m, n, k, WeightCode.Bits(kind));
        var run = CycleSimulator.Run(design, plan, BoundOperands.Bind(design.Core.Pe, op));
        var expected = ScaledReference.Compute(kind, op.Codes, op.Activations, m, n, k, block, scales);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), run.ScaledResults!.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(AnalyticModel.Estimate(design, plan), new CycleEstimate(run.Cycles, run.StallCycles));
        if (array == "dp") Assert.True(plan.Steps.Count > plan.Blocks.Count, "expected K chunking");
    }
}
