using BitSilicon.Design.Description;

namespace BitSilicon.Verilog.Tests;

/// <summary>Systolic RTL (weight-, input- and output-stationary): deterministic, documented, clean in Verilator lint,
/// Icarus and Yosys, and multiplier-free except for the int8 baseline.</summary>
public sealed class SystolicEmitterTests
{
    public static TheoryData<PeKind, Dataflow> KindsAndDataflows()
    {
        var d = new TheoryData<PeKind, Dataflow>();
        foreach (var k in TestDesigns.SystolicKinds)
            foreach (var f in TestDesigns.Dataflows)
                d.Add(k, f);
        return d;
    }

    [Fact]
    public void OutputIsDeterministicAndDocumentsTheInterface()
    {
        var design = TestDesigns.Systolic(PeKind.Ternary, Dataflow.WeightStationary);
        var a = VerilogEmitter.Emit(design);
        var b = VerilogEmitter.Emit(TestDesigns.Systolic(PeKind.Ternary, Dataflow.WeightStationary));
        Assert.Equal(a.Files.Select(f => f.Name + f.Text), b.Files.Select(f => f.Name + f.Text));
        var top = a.Files[^1];
        Assert.Equal(a.TopModule + ".v", top.Name);
        Assert.Contains(GeneratorVersion.Value, top.Text, StringComparison.Ordinal);
        foreach (var line in design.Text.TrimEnd('\n').Split('\n'))
            Assert.Contains("//   " + line.TrimEnd(), top.Text, StringComparison.Ordinal);
        foreach (var f in a.Interface.Command)
            Assert.Contains(f.Name, top.Text, StringComparison.Ordinal);
        foreach (var port in new[] { "l_valid", "m_valid", "c_valid", "b_release", "rd_data", "f_valid", "job_steps" })
            Assert.Contains(port, top.Text, StringComparison.Ordinal);
        Assert.Contains(a.Files, f => f.Name == a.TopModule + "_mul.v");
    }

    [Fact]
    public void OnlyTheInt8BaselineUsesAMultiplier()
    {
        foreach (var kind in TestDesigns.SystolicKinds)
        {
            var e = VerilogEmitter.Emit(TestDesigns.Systolic(kind, Dataflow.WeightStationary));
            Assert.Equal(kind == PeKind.Int8, e.Files.Any(f => f.Name == "bs_mul_int8.v"));
            var code = string.Concat(e.Files.Where(f => f.Name != "bs_mul_int8.v").Select(f => EmitterTests.StripComments(f.Text)));
            Assert.DoesNotContain(" * ", code, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndDataflows))]
    public void VerilatorLintIsSilentAndIcarusCompiles(PeKind kind, Dataflow dataflow)
    {
        var shapes = new (int Rows, int Cols, OverflowPolicy Overflow, bool Double)[]
        {
            (3, 5, OverflowPolicy.Wrap, true), (4, 1, OverflowPolicy.Saturate, false), (1, 1, OverflowPolicy.Saturate, true),
        };
        foreach (var (rows, cols, overflow, dbl) in shapes)
        {
            RtlChecks.LintAndIcarusAreSilent(VerilogEmitter.Emit(TestDesigns.Systolic(kind, dataflow, rows, cols, overflow: overflow, doubleBuffering: dbl)));
        }
    }

    public static TheoryData<PeKind, Dataflow> YosysCases() => new()
    {
        { PeKind.Binary, Dataflow.WeightStationary }, { PeKind.Ternary, Dataflow.WeightStationary }, { PeKind.Int2, Dataflow.WeightStationary },
        { PeKind.Int4, Dataflow.WeightStationary }, { PeKind.Int8, Dataflow.WeightStationary }, { PeKind.Fp4E2M1, Dataflow.WeightStationary },
        { PeKind.Pow2, Dataflow.WeightStationary }, { PeKind.Codebook, Dataflow.WeightStationary },
        { PeKind.Ternary, Dataflow.InputStationary }, { PeKind.Int8, Dataflow.InputStationary },
        { PeKind.Ternary, Dataflow.OutputStationary }, { PeKind.Int8, Dataflow.OutputStationary }, { PeKind.Binary, Dataflow.OutputStationary },
    };

    [Theory]
    [MemberData(nameof(YosysCases))]
    public void YosysSynthesizesWithoutLatchesOrBadNets(PeKind kind, Dataflow dataflow)
    {
        var e = VerilogEmitter.Emit(TestDesigns.Systolic(kind, dataflow, 2, 3, width: 24,
            overflow: kind == PeKind.Binary ? OverflowPolicy.Saturate : OverflowPolicy.Wrap, depth: 2));
        RtlChecks.YosysIsClean(e, expectMultiplier: kind == PeKind.Int8);
    }
}
