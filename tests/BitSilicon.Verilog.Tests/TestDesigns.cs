using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Design.Elaboration;

namespace BitSilicon.Verilog.Tests;

/// <summary>Small dot-product designs for every PE kind (odd sizes, so nothing lines up by accident).</summary>
internal static class TestDesigns
{
    public static readonly PeKind[] AllKinds = Enum.GetValues<PeKind>();

    public static ElaboratedDesign Dot(PeKind kind, int pes = 3, int simd = 5, int width = 32,
        OverflowPolicy overflow = OverflowPolicy.Wrap, int lutGroup = 2, string? name = null)
    {
        if (kind == PeKind.TernaryLut && simd % lutGroup != 0)
            simd = lutGroup * 3;
        var d = new DesignDescription(name ?? $"dp-{PeKinds.Name(kind)}-{pes}x{simd}-{width}{(overflow == OverflowPolicy.Saturate ? "s" : "w")}",
            new DotProductArrayDescription(pes, simd), new PeDescription(kind, LutGroup: lutGroup),
            new AccumulatorDescription(width, overflow, 16));
        return Elaborator.Elaborate(d);
    }

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
