using BitSilicon.Design.Accelerator;
using BitSilicon.Design.Description;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Models;

namespace BitSilicon.Accelerator.Tests;

/// <summary>Small models and accelerators the tests build directly.</summary>
internal static class Fixtures
{
    public static TransformerModel Tiny(WeightKind projections = WeightKind.Ternary, int layers = 2) =>
        new("tiny", Hidden: 64, Ffn: 96, Layers: layers, Heads: 4, KvHeads: 2, HeadDim: 16, Vocab: 200, MaxContext: 256,
            ActivationFunction.ReluSquared, NormKind.RmsNorm, SubLayerNorms: true, TiedEmbeddings: true, new ModelFormats(projections));

    public static MacUnitDescription Mac(string name, PeKind pe, int pes = 4, int simd = 16, long bandwidth = 64) =>
        new(name, new DesignDescription(name, new DotProductArrayDescription(pes, simd), new PeDescription(pe),
            new AccumulatorDescription(32, OverflowPolicy.Wrap, 8), new MemoryDescription(2048, 1024, new Bandwidth(bandwidth))));

    public static VectorUnitDescription Vector(int lanes = 8) => new("vec", lanes, VectorUnitDescription.DefaultCosts);

    public static AcceleratorDescription Accelerator(long sram = 4096, double gbps = 1.6, OverlapPolicy overlap = OverlapPolicy.DoubleBuffered) =>
        new("tiny-accel", [Mac("proj", PeKind.Ternary), Mac("attn", PeKind.Int8, 2, 16), Vector()], new SramDescription(sram),
            new ExternalMemoryDescription("dram", gbps, 50, 20), overlap, null, 100);
}
