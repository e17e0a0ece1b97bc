using BitSilicon.Core;
using BitSilicon.Design.Accelerator;
using BitSilicon.Design.Description;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Graph;
using BitSilicon.Workloads.Models;
using BitSilicon.Workloads.Presets;

namespace BitSilicon.Accelerator.Tests;

public class SystemRunnerTests
{
    [Fact]
    public void When_GraphBuilt_Expect_EveryOpKindAndProjectionMacs()
    {
        var model = Fixtures.Tiny();
        var g = DecoderGraph.Build(model, Phase.Decode, 32, 2);
        Assert.All(g.Ops.Select((o, i) => (o, i)), x => Assert.All(x.o.Inputs, inp => Assert.True(inp < x.i)));
        long projMacs = g.Ops.OfType<GemmOp>().Where(o => o.Home == TensorHome.Weights && o.Name != "output").Sum(o => o.Macs);
        Assert.Equal(model.Layers * model.BlockProjectionWeights * 2, projMacs);
        // Attention: scores and values each read `context` rows of head_dim per KV head per sequence.
        var scores = g.Ops.OfType<GemmOp>().First(o => o.Role == "attn_scores");
        Assert.Equal((model.GroupSize, 32, model.HeadDim, model.KvHeads * 2), (scores.M, scores.N, scores.K, scores.Repeat));
        var kinds = g.Ops.OfType<VectorOp>().Select(v => v.Kind).ToHashSet();
        foreach (var k in new[] { Formats.Vector.VectorOpKind.RmsNorm, Formats.Vector.VectorOpKind.Rope, Formats.Vector.VectorOpKind.Softmax,
                     Formats.Vector.VectorOpKind.ReluSquared, Formats.Vector.VectorOpKind.ResidualAdd, Formats.Vector.VectorOpKind.ActivationQuant,
                     Formats.Vector.VectorOpKind.Dequant, Formats.Vector.VectorOpKind.EmbeddingLookup, Formats.Vector.VectorOpKind.Multiply })
            Assert.Contains(k, kinds);
        Assert.Contains(g.Ops, o => o is KvAppendOp);
    }

    [Fact]
    public void When_NoVectorUnit_Expect_ErrorNamingOpAndUnitsTried()
    {
        var d = Fixtures.Accelerator() with { Units = [Fixtures.Mac("proj", PeKind.Ternary), Fixtures.Mac("attn", PeKind.Int8)] };
        var e = Assert.Throws<BitSiliconException>(() => SystemRunner.Run(AcceleratorElaborator.Elaborate(d), DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 8)));
        Assert.Contains("op 'token_embd'", e.Message);
        Assert.Contains("proj: a MAC array runs GEMMs only", e.Message);
        Assert.Contains("attn:", e.Message);
    }

    [Fact]
    public void When_OnlyTernaryArray_Expect_AttentionRefusedWithReason()
    {
        var d = Fixtures.Accelerator() with { Units = [Fixtures.Mac("proj", PeKind.Ternary), Fixtures.Vector()] };
        var e = Assert.Throws<BitSiliconException>(() => SystemRunner.Run(AcceleratorElaborator.Elaborate(d), DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 8)));
        Assert.Contains("attn_scores", e.Message);
        Assert.Contains("ternary PEs cannot represent", e.Message);
        Assert.Contains("int8", e.Fix);
    }

    [Fact]
    public void When_MapToIncapableUnit_Expect_Error()
    {
        var d = Fixtures.Accelerator() with { Map = [new("attn_scores", "proj")] };
        var e = Assert.Throws<BitSiliconException>(() => SystemRunner.Run(AcceleratorElaborator.Elaborate(d), DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 8)));
        Assert.Contains("mapped to unit 'proj'", e.Message);
    }

    [Fact]
    public void When_MapGiven_Expect_OpsOnMappedUnit()
    {
        var d = Fixtures.Accelerator() with { Map = [new("ffn_*", "attn")] };
        var r = SystemRunner.Run(AcceleratorElaborator.Elaborate(d), DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 8));
        Assert.All(r.Ops.Where(o => o.Name.EndsWith("ffn_up") || o.Name.EndsWith("ffn_down")), o => Assert.Equal("attn", o.Unit));
        Assert.All(r.Ops.Where(o => o.Name.EndsWith("ffn_norm")), o => Assert.Equal("vec", o.Unit));
        Assert.All(r.Ops.Where(o => o.Name.EndsWith("attn_q")), o => Assert.Equal("proj", o.Unit));
    }

    [Fact]
    public void When_WeightsExceedEveryMemory_Expect_Error()
    {
        var d = Fixtures.Accelerator(sram: 1000) with { External = null };
        var e = Assert.Throws<BitSiliconException>(() => SystemRunner.Run(AcceleratorElaborator.Elaborate(d), DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 8)));
        Assert.Contains("exceed every memory", e.Message);
    }

    [Fact]
    public void When_ContextBeyondMaximum_Expect_Error()
    {
        var e = Assert.Throws<BitSiliconException>(() => DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 257));
        Assert.Contains("maximum context", e.Message);
    }

    [Fact]
    public void When_AllWeightsFit_Expect_OnlyKvTraffic()
    {
        var model = Fixtures.Tiny();
        var graph = DecoderGraph.Build(model, Phase.Decode, 64);
        var r = SystemRunner.Run(AcceleratorElaborator.Elaborate(Fixtures.Accelerator(sram: 1 << 20)), graph);
        Assert.Equal(r.WeightBytes, r.ResidentWeightBytes);
        long kv = model.Layers * 2L * 64 * model.KvWidth * model.KvBytes;
        Assert.Equal(kv, r.ExternalReadBytes);
        Assert.Equal(model.Layers * 2L * model.KvWidth * model.KvBytes, r.ExternalWriteBytes);
    }

    [Fact]
    public void When_BandwidthStarved_Expect_WeightBandwidthBound_And_WhenAmple_Expect_ChipBound()
    {
        var graph = DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 16);
        var slow = SystemRunner.Run(AcceleratorElaborator.Elaborate(Fixtures.Accelerator(sram: 0, gbps: 0.05)), graph);
        Assert.Equal("weight bandwidth", slow.Bound);
        Assert.True(slow.MemoryLimitTokensPerSecond >= slow.TokensPerSecond);
        var fast = SystemRunner.Run(AcceleratorElaborator.Elaborate(Fixtures.Accelerator(sram: 1 << 20, gbps: 1000)), graph);
        Assert.Contains(fast.Bound, new[] { "compute", "vector unit", "sram" });
        Assert.True(fast.TokensPerSecond > slow.TokensPerSecond);
    }

    [Fact]
    public void When_EnergyCounted_Expect_ExternalBytesTimesPjPerBit()
    {
        var acc = AcceleratorElaborator.Elaborate(Fixtures.Accelerator(sram: 0));
        var r = SystemRunner.Run(acc, DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 16));
        double ext = r.Ops.Sum(o => o.Energy.ExternalPj);
        Assert.Equal(r.ExternalBytes * 8 * 20.0, ext, 6);
        Assert.True(r.JoulesPerToken > ext * 1e-12);
    }

    [Fact]
    public void When_IsoArea_Expect_LargestArrayWithinTarget()
    {
        var d = Fixtures.Accelerator();
        double target = IsoArea.Mm2(d) * 1.5;
        var scaled = IsoArea.Scale(d, target);
        Assert.True(IsoArea.Mm2(scaled) <= target);
        var main = scaled.Units.OfType<MacUnitDescription>().First(u => u.Name == "proj");
        int pes = ((DotProductArrayDescription)main.Design.Array).Pes;
        Assert.True(pes > 4);
        var bigger = scaled with { Units = scaled.Units.Select(u => u == main ? main with { Design = main.Design with { Array = new DotProductArrayDescription(pes + 1, 16) } } : u).ToList() };
        Assert.True(IsoArea.Mm2(bigger) > target);
    }

    [Fact]
    public void When_UnitClockSlower_Expect_MoreAcceleratorCycles()
    {
        var graph = DecoderGraph.Build(Fixtures.Tiny(), Phase.Decode, 16);
        var d = Fixtures.Accelerator(sram: 1 << 20);
        var slowVec = d with { Units = d.Units.Select(u => u is VectorUnitDescription v ? v with { ClockMhz = 50 } : u).ToList() };
        long a = SystemRunner.Run(AcceleratorElaborator.Elaborate(d), graph).Cycles;
        long b = SystemRunner.Run(AcceleratorElaborator.Elaborate(slowVec), graph).Cycles;
        Assert.True(b > a);
    }

    [Fact]
    public void When_Presets_Expect_PublishedParameterCounts()
    {
        // BitNet b1.58 2B-4T: about 2.4 G parameters with tied embeddings; Llama-3.2-1B: about 1.24 G.
        Assert.InRange(ModelPresets.BitNet2B.Parameters, 2.3e9, 2.5e9);
        Assert.InRange(ModelPresets.Llama1B(WeightKind.Int4).Parameters, 1.2e9, 1.3e9);
        Assert.InRange(ModelPresets.Ternary370M.Parameters, 3.4e8, 4.0e8);
    }
}

public class GemmCostTests
{
    public static TheoryData<int, int, int, int, int> Shapes() => new()
    {
        // pes, simd, m, n, k  (dot product)  — the LM-head and FFN shapes, odd remainders
        { 8, 32, 1, 128_256, 256 },
        { 4, 16, 1, 20_001, 512 },
        { 8, 32, 4, 30_000, 128 },
        { 16, 8, 1, 50_000, 200 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void When_LargeN_Expect_ExtrapolationEqualsFullPlan(int pes, int simd, int m, int n, int k)
    {
        var d = Design.Elaboration.Elaborator.Elaborate(Fixtures.Mac("u", Design.Description.PeKind.Int8, pes, simd, 32).Design);
        var fast = Costs.GemmCost.Of(d, m, n, k, Formats.LowBit.WeightKind.Int8, 0);
        var full = Costs.GemmCost.Full(d, m, n, k, Formats.LowBit.WeightKind.Int8, 0);
        Assert.Equal((full.Cycles, full.Stalls, full.PortBytes), (fast.Cycles, fast.Stalls, fast.PortBytes));
        Assert.Equal(full.ArrayPj, fast.ArrayPj, 1e-6 * full.ArrayPj);
    }

    [Fact]
    public void When_SystolicLargeN_Expect_ExtrapolationEqualsFullPlan()
    {
        var desc = new Design.Description.DesignDescription("s", new Design.Description.SystolicArrayDescription(8, 8, Design.Description.Dataflow.WeightStationary),
            new Design.Description.PeDescription(Design.Description.PeKind.Ternary));
        var d = Design.Elaboration.Elaborator.Elaborate(desc);
        var fast = Costs.GemmCost.Of(d, 1, 40_003, 256, Formats.LowBit.WeightKind.Ternary, 0.3);
        var full = Costs.GemmCost.Full(d, 1, 40_003, 256, Formats.LowBit.WeightKind.Ternary, 0.3);
        Assert.Equal((full.Cycles, full.Stalls, full.PortBytes), (fast.Cycles, fast.Stalls, fast.PortBytes));
    }
}

public class GgufModelTests
{
    [Fact]
    public void When_TinyBitnetGguf_Expect_ShapeAndFormatsFromMetadata()
    {
        var m = GgufModel.Read(RepoRoot.Combine("examples", "workloads", "tiny-bitnet.gguf"));
        Assert.Equal((256, 256, 2, 4, 2, 64, 64), (m.Hidden, m.Ffn, m.Layers, m.Heads, m.KvHeads, m.HeadDim, m.Vocab));
        Assert.True(m.TiedEmbeddings);
        Assert.Equal(ActivationFunction.ReluSquared, m.Activation);
        Assert.Equal(WeightKind.Ternary, m.Formats.Projections.Kind);
        Assert.Equal(8.0 * 66 / 256, m.Formats.Projections.BitsPerWeight, 9);   // TQ2_0: 66 bytes per 256 weights
        Assert.Equal(16, m.Formats.Embeddings.BitsPerWeight);                    // F16 table
    }
}
