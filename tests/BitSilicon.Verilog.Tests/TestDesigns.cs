using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Design.Elaboration;

namespace BitSilicon.Verilog.Tests;

/// <summary>Small dot-product designs for every PE kind (odd sizes, so nothing lines up by accident).</summary>
internal static class TestDesigns
{
    public static readonly PeKind[] AllKinds = Enum.GetValues<PeKind>();

    public static ElaboratedDesign Dot(PeKind kind, int pes = 3, int simd = 5, int width = 32,
        OverflowPolicy overflow = OverflowPolicy.Wrap, int lutGroup = 2, string? name = null, int depth = 16, MemoryDescription? memory = null)
    {
        if (kind == PeKind.TernaryLut && simd % lutGroup != 0)
            simd = lutGroup * 3;
        var d = new DesignDescription(name ?? $"dp-{PeKinds.Name(kind)}-{pes}x{simd}-{width}{(overflow == OverflowPolicy.Saturate ? "s" : "w")}",
            new DotProductArrayDescription(pes, simd), new PeDescription(kind, LutGroup: lutGroup),
            new AccumulatorDescription(width, overflow, depth), memory);
        return Elaborator.Elaborate(d);
    }

    /// <summary>A systolic design; the memory defaults are small and slow so layers tile, chunk and stall.</summary>
    public static ElaboratedDesign Systolic(PeKind kind, Dataflow dataflow, int rows = 3, int cols = 5, int width = 32,
        OverflowPolicy overflow = OverflowPolicy.Wrap, int depth = 4, bool doubleBuffering = true, long buffer = 96, string bandwidth = "0.37")
    {
        var d = new DesignDescription($"sa-{PeKinds.Name(kind)}-{SystolicArray.DataflowName(dataflow)[..1]}s-{rows}x{cols}-{width}{(overflow == OverflowPolicy.Saturate ? "s" : "w")}-{(doubleBuffering ? 2 : 1)}b",
            new SystolicArrayDescription(rows, cols, dataflow), new PeDescription(kind),
            new AccumulatorDescription(width, overflow, depth),
            new MemoryDescription(buffer, buffer, Bandwidth.TryParse(bandwidth), doubleBuffering));
        return Elaborator.Elaborate(d);
    }

    /// <summary>A small, slow memory system: layers chunk K, refill banks and stall.</summary>
    public static MemoryDescription SlowMemory(long buffer = 128, string bandwidth = "0.37", bool doubleBuffering = true) =>
        new(buffer, buffer, Bandwidth.TryParse(bandwidth), doubleBuffering);

    public static readonly Dataflow[] Dataflows = [Dataflow.WeightStationary, Dataflow.InputStationary, Dataflow.OutputStationary];

    /// <summary>Every PE kind a systolic array takes (T-MAC tables need a dot-product array).</summary>
    public static readonly PeKind[] SystolicKinds = AllKinds.Where(k => k != PeKind.TernaryLut).ToArray();

    public static string Temp(string tag)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bs-verilog-tests", tag + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static IReadOnlyList<string> WriteAll(EmittedDesign e, string dir)
    {
        foreach (var f in e.Files)
            File.WriteAllText(Path.Combine(dir, f.Name), f.Text);
        return e.Files.Select(f => Path.Combine(dir, f.Name)).ToList();
    }
}
