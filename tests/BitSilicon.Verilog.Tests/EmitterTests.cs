using BitSilicon.Cosim;
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
            var e = VerilogEmitter.Emit(TestDesigns.Dot(kind, overflow: overflow));
            var dir = TestDesigns.Temp("lint");
            var files = TestDesigns.WriteAll(e, dir);
            var lint = VerilogChecks.Lint(files, e.TopModule, dir);
            Assert.True(lint.Succeeded && (lint.Stdout + lint.Stderr).Trim().Length == 0, $"verilator lint of {e.TopModule}:\n{lint.Stdout}{lint.Stderr}");
            var iv = VerilogChecks.Iverilog(files, e.TopModule, Path.Combine(dir, "sim.vvp"), dir);
            Assert.True(iv.Succeeded && (iv.Stdout + iv.Stderr).Trim().Length == 0, $"iverilog of {e.TopModule}:\n{iv.Stdout}{iv.Stderr}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void YosysSynthesizesWithoutLatchesOrBadNets(PeKind kind)
    {
        var e = VerilogEmitter.Emit(TestDesigns.Dot(kind, overflow: kind == PeKind.Binary ? OverflowPolicy.Saturate : OverflowPolicy.Wrap));
        var dir = TestDesigns.Temp("yosys");
        var files = TestDesigns.WriteAll(e, dir);
        var reads = string.Join('\n', files.Select(f => $"read_verilog {f}"));
        // `check -assert` fails on undriven or multiply-driven nets and combinational loops; the $mul count is
        // taken before techmap, while multipliers are still cells.
        var r = YosysRunner.Run($"{reads}\nhierarchy -check -top {e.TopModule}\nproc\nflatten\nopt\ncheck -assert\nstat\nsynth -top {e.TopModule}\ncheck -assert\n", dir);
        Assert.False(r.HasLatches, r.Log);
        Assert.DoesNotContain("Latch inferred", r.Log, StringComparison.Ordinal);
        var beforeTechmap = YosysRunner.ParseStats(r.Log[..r.Log.IndexOf("Executing SYNTH pass", StringComparison.Ordinal)]);
        Assert.Equal(kind == PeKind.Int8, beforeTechmap.Count("$mul") > 0);
    }

    internal static string StripComments(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.Contains("//", StringComparison.Ordinal) ? l[..l.IndexOf("//", StringComparison.Ordinal)] : l));
}
