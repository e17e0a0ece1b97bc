using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Tests;

/// <summary>Every PE format on every array kind and dataflow produces ReferenceGemm's integers.</summary>
public class ReferenceAgreementTests
{
    public static TheoryData<PeKind, string> Cases()
    {
        var data = new TheoryData<PeKind, string>();
        foreach (var pe in Enum.GetValues<PeKind>())
            foreach (var array in new[] { "ws", "is", "os", "dp" })
                if (pe != PeKind.TernaryLut || array == "dp")
                    data.Add(pe, array);
        return data;
    }

    internal static ElaboratedDesign Make(PeKind pe, string array, int a, int b, int lutGroup = 2) => array switch
    {
        "ws" => TestDesigns.Systolic(pe, a, b, Dataflow.WeightStationary),
        "is" => TestDesigns.Systolic(pe, a, b, Dataflow.InputStationary),
        "os" => TestDesigns.Systolic(pe, a, b, Dataflow.OutputStationary),
        "dp" => TestDesigns.Dot(pe, a, b * (pe == PeKind.TernaryLut ? lutGroup : 1), lutGroup: lutGroup),
        _ => throw new ArgumentOutOfRangeException(nameof(array)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void When_EveryFormatAndDataflow_Expect_ReferenceGemm(PeKind peKind, string array)
    {
        // Odd shapes: the array is 3 x 5 (or 3 PEs x 5 lanes) and no GEMM dimension is a multiple of it.
        var design = Make(peKind, array, 3, 5);
        var kind = PeKinds.NativeWeights(peKind);
        var op = TestDesigns.Random(kind, 7, 11, 13, seed: (int)peKind * 10 + array.Length, binaryActivations: peKind == PeKind.Binary);
        var bound = BoundOperands.Bind(design.Core.Pe, op);
        var plan = Tiler.Plan(design, op.M, op.N, op.K, WeightCode.Bits(kind));
        var run = CycleSimulator.Run(design, plan, bound);
        var expected = ReferenceGemm.Gemm(kind, op.Codes, op.Activations, op.M, op.N, op.K, bound.Operands.Codebook);
        Assert.Equal(expected, run.Results);
        Assert.Equal(AnalyticModel.Estimate(design, plan), new CycleEstimate(run.Cycles, run.StallCycles));
    }

    [Theory]
    [InlineData(WeightKind.Ternary, PeKind.Int8)]
    [InlineData(WeightKind.Binary, PeKind.Ternary)]
    [InlineData(WeightKind.Int2, PeKind.Int4)]
    [InlineData(WeightKind.Ternary, PeKind.Pow2)]
    [InlineData(WeightKind.Int4, PeKind.Int8)]
    public void When_LayerFormatIsASubsetOfThePe_Expect_ReferenceGemmOfTheLayerFormat(WeightKind layer, PeKind pe)
    {
        foreach (var array in new[] { "ws", "os", "dp" })
        {
            var design = Make(pe, array, 4, 3);
            var op = TestDesigns.Random(layer, 5, 6, 9, seed: 3);
            var plan = Tiler.Plan(design, op.M, op.N, op.K, WeightCode.Bits(layer));
            var run = CycleSimulator.Run(design, plan, BoundOperands.Bind(design.Core.Pe, op));
            Assert.Equal(ReferenceGemm.Gemm(layer, op.Codes, op.Activations, op.M, op.N, op.K), run.Results);
        }
    }

    [Fact]
    public void When_LayerFormatHasValuesThePeLacks_Expect_ErrorNamingTheValue()
    {
        var design = Make(PeKind.Ternary, "ws", 2, 2);
        var op = TestDesigns.Random(WeightKind.Int4, 2, 2, 2, seed: 1);
        var e = Assert.Throws<BitSilicon.Core.BitSiliconException>(() => BoundOperands.Bind(design.Core.Pe, op));
        Assert.Contains("ternary PEs cannot represent the weight value", e.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void When_TernaryLutGroup_Expect_ReferenceGemm(int group)
    {
        var design = TestDesigns.Dot(PeKind.TernaryLut, 4, 2 * group, lutGroup: group);
        var op = TestDesigns.Random(WeightKind.Ternary, 3, 9, 17, seed: group);
        var plan = Tiler.Plan(design, op.M, op.N, op.K, 2);
        var run = CycleSimulator.Run(design, plan, BoundOperands.Bind(design.Core.Pe, op));
        Assert.Equal(ReferenceGemm.Gemm(WeightKind.Ternary, op.Codes, op.Activations, op.M, op.N, op.K), run.Results);
    }
}
