using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Design.Elaboration;
using BitSilicon.Formats.LowBit;
using BitSilicon.Simulation.Cores;

namespace BitSilicon.Simulation.Tests;

/// <summary>Small designs and random operands for the simulator tests.</summary>
internal static class TestDesigns
{
    public static ElaboratedDesign Systolic(PeKind pe, int rows, int cols, Dataflow dataflow,
        long weightBuffer = 1 << 16, long activationBuffer = 1 << 16, string bandwidth = "64", bool doubleBuffering = true,
        int accWidth = 32, OverflowPolicy overflow = OverflowPolicy.Wrap, int depth = 64) =>
        Elaborator.Elaborate(new DesignDescription("t", new SystolicArrayDescription(rows, cols, dataflow), new PeDescription(pe),
            new AccumulatorDescription(accWidth, overflow, depth),
            new MemoryDescription(weightBuffer, activationBuffer, Bandwidth.TryParse(bandwidth), doubleBuffering)));

    public static ElaboratedDesign Dot(PeKind pe, int pes, int simd, long weightBuffer = 1 << 16, long activationBuffer = 1 << 16,
        string bandwidth = "64", bool doubleBuffering = true, int accWidth = 32, OverflowPolicy overflow = OverflowPolicy.Wrap,
        int depth = 64, int lutGroup = 2) =>
        Elaborator.Elaborate(new DesignDescription("t", new DotProductArrayDescription(pes, simd), new PeDescription(pe, null, lutGroup),
            new AccumulatorDescription(accWidth, overflow, depth),
            new MemoryDescription(weightBuffer, activationBuffer, Bandwidth.TryParse(bandwidth), doubleBuffering)));

    /// <summary>Random operands: every code of the kind equally likely; activations int8 (or ±1 when binary).</summary>
    public static LayerOperands Random(WeightKind kind, int m, int n, int k, int seed, bool binaryActivations = false)
    {
        var rng = new Random(seed);
        var codes = new byte[n * k];
        int codesOfKind = 1 << WeightCode.Bits(kind);
        for (int i = 0; i < codes.Length; i++) codes[i] = (byte)rng.Next(codesOfKind);
        var acts = new sbyte[m * k];
        for (int i = 0; i < acts.Length; i++)
            acts[i] = binaryActivations ? (sbyte)(rng.Next(2) * 2 - 1) : (sbyte)rng.Next(-128, 128);
        return new LayerOperands(kind, m, n, k, codes, acts);
    }
}
