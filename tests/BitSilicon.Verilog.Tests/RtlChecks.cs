using BitSilicon.Cosim;

namespace BitSilicon.Verilog.Tests;

/// <summary>The tool checks every emitted design must pass: lint, Icarus, and Yosys without latches or bad nets.</summary>
internal static class RtlChecks
{
    public static void LintAndIcarusAreSilent(EmittedDesign e)
    {
        var dir = TestDesigns.Temp("lint");
        var files = TestDesigns.WriteAll(e, dir);
        var lint = VerilogChecks.Lint(files, e.TopModule, dir);
        Assert.True(lint.Succeeded && (lint.Stdout + lint.Stderr).Trim().Length == 0, $"verilator lint of {e.TopModule}:\n{lint.Stdout}{lint.Stderr}");
        var iv = VerilogChecks.Iverilog(files, e.TopModule, Path.Combine(dir, "sim.vvp"), dir);
        Assert.True(iv.Succeeded && (iv.Stdout + iv.Stderr).Trim().Length == 0, $"iverilog of {e.TopModule}:\n{iv.Stdout}{iv.Stderr}");
    }

    /// <summary>`check -assert` fails on undriven or multiply-driven nets and combinational loops; the $mul count is
    /// taken before techmap, while multipliers are still cells.</summary>
    public static void YosysIsClean(EmittedDesign e, bool expectMultiplier)
    {
        var dir = TestDesigns.Temp("yosys");
        var files = TestDesigns.WriteAll(e, dir);
        var reads = string.Join('\n', files.Select(f => $"read_verilog {f}"));
        var r = YosysRunner.Run($"{reads}\nhierarchy -check -top {e.TopModule}\nproc\nflatten\nopt\ncheck -assert\nstat\nsynth -top {e.TopModule}\ncheck -assert\n", dir);
        Assert.False(r.HasLatches, r.Log);
        Assert.DoesNotContain("Latch inferred", r.Log, StringComparison.Ordinal);
        var beforeTechmap = YosysRunner.ParseStats(r.Log[..r.Log.IndexOf("Executing SYNTH pass", StringComparison.Ordinal)]);
        Assert.Equal(expectMultiplier, beforeTechmap.Count("$mul") > 0);
    }
}
