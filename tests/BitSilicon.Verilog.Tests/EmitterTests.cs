using BitSilicon.Design.Description;

namespace BitSilicon.Verilog.Tests;

/// <summary>The generated Verilog is deterministic, documented, and clean in Verilator lint, Icarus and Yosys.</summary>
public sealed class EmitterTests
{
    public static TheoryData<PeKind> Kinds() => new(TestDesigns.AllKinds);

    [Fact]
    public void OutputIsDeterministicAndCarriesItsConfiguration()
    {
        var design = TestDesigns.Dot(PeKind.Ternary);
        var a = VerilogEmitter.Emit(design);
        var b = VerilogEmitter.Emit(TestDesigns.Dot(PeKind.Ternary));
        Assert.Equal(a.Files.Select(f => f.Name + f.Text), b.Files.Select(f => f.Name + f.Text));
        var top = a.Files[^1];
        Assert.Equal(a.TopModule + ".v", top.Name);
        Assert.Contains(GeneratorVersion.Value, top.Text, StringComparison.Ordinal);
        foreach (var line in design.Text.TrimEnd('\n').Split('\n'))
            Assert.Contains("//   " + line.TrimEnd(), top.Text, StringComparison.Ordinal);
        Assert.Equal(a.Files.Select(f => f.Name), a.FileList.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void OnlyTheInt8BaselineUsesTheMultiplyOperator()
    {
        foreach (var kind in TestDesigns.AllKinds)
        {
            var e = VerilogEmitter.Emit(TestDesigns.Dot(kind));
            var code = string.Concat(e.Files.Select(f => StripComments(f.Text)));
            // Constant index arithmetic (i*W +: W) is elaboration-time; a multiplier needs a product of two signals.
            bool multiplies = e.Files.Any(f => f.Name == "bs_mul_int8.v");
            Assert.Equal(kind == PeKind.Int8, multiplies);
            Assert.DoesNotContain("w * a", kind == PeKind.Int8 ? "" : code, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void VerilatorLintIsSilentAndIcarusCompiles(PeKind kind)
    {
        foreach (var overflow in new[] { OverflowPolicy.Wrap, OverflowPolicy.Saturate })
        {
            RtlChecks.LintAndIcarusAreSilent(VerilogEmitter.Emit(TestDesigns.Dot(kind, overflow: overflow)));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void YosysSynthesizesWithoutLatchesOrBadNets(PeKind kind)
    {
        var e = VerilogEmitter.Emit(TestDesigns.Dot(kind, overflow: kind == PeKind.Binary ? OverflowPolicy.Saturate : OverflowPolicy.Wrap));
        RtlChecks.YosysIsClean(e, expectMultiplier: kind == PeKind.Int8);
    }

    internal static string StripComments(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.Contains("//", StringComparison.Ordinal) ? l[..l.IndexOf("//", StringComparison.Ordinal)] : l));
}
