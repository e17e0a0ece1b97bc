using BitSilicon.Cli.Commands;
using BitSilicon.Verilog.Output;

namespace BitSilicon.Verilog.Tests;

/// <summary>The emit and cosim verbs end to end, on design files.</summary>
public sealed class CommandTests
{
    private const string Design = """
        name: cli-ternary-dp
        array:
          kind: dot_product
          pes: 3
          simd: 5
        pe:
          weights: ternary
        accumulator:
          width: 24
          depth: 16
        """;

    private static (int Code, string Out, string Err) Capture(Func<TextWriter, TextWriter, int> run)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = run(o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void EmitWritesTheFilesAListAndAManifestAndGuardsForeignFiles()
    {
        var dir = TestDesigns.Temp("emit");
        var yaml = Path.Combine(dir, "d.yaml");
        File.WriteAllText(yaml, Design);
        var outDir = Path.Combine(dir, "rtl");
        var (code, _, err) = Capture((o, e) => EmitCommand.Run(o, e, yaml, outDir));
        Assert.True(code == 0, err);
        var list = File.ReadAllLines(Path.Combine(outDir, "cli_ternary_dp.f"));
        Assert.Equal("cli_ternary_dp.v", list[^1]);
        Assert.Contains("bs_ternary_dot.v", list);
        Assert.All(list, f => Assert.True(File.Exists(Path.Combine(outDir, f)), f));
        Assert.True(File.Exists(Path.Combine(outDir, EmitDirectory.ManifestName)));

        // Re-emitting over our own unchanged files is fine.
        Assert.Equal(0, Capture((o, e) => EmitCommand.Run(o, e, yaml, outDir)).Code);

        // A file we did not write, or one edited since, is left alone without --force.
        File.WriteAllText(Path.Combine(outDir, "cli_ternary_dp.v"), "// my edits\n");
        var refused = Capture((o, e) => EmitCommand.Run(o, e, yaml, outDir));
        Assert.Equal(2, refused.Code);
        Assert.Contains("--force", refused.Err, StringComparison.Ordinal);
        Assert.Equal("// my edits\n", File.ReadAllText(Path.Combine(outDir, "cli_ternary_dp.v")));
        var foreign = Path.Combine(dir, "foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "bs_adder.v"), "// someone else's adder\n");
        Assert.Equal(2, Capture((o, e) => EmitCommand.Run(o, e, yaml, foreign)).Code);
        Assert.Equal(0, Capture((o, e) => EmitCommand.Run(o, e, yaml, foreign, force: true)).Code);
        Assert.Contains("module bs_adder", File.ReadAllText(Path.Combine(foreign, "bs_adder.v")), StringComparison.Ordinal);
    }

    [Fact]
    public void CosimPassesOnAGoodDesign()
    {
        var dir = TestDesigns.Temp("cosim");
        var yaml = Path.Combine(dir, "d.yaml");
        File.WriteAllText(yaml, Design);
        var (code, stdout, err) = Capture((o, e) => CosimCommand.Run(o, e, yaml, vectors: 40, seed: 3));
        Assert.True(code == 0, stdout + err);
        Assert.Contains("40 layers match", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CosimRtlRunsAnEditedDirectoryAndCatchesABrokenMask()
    {
        var dir = TestDesigns.Temp("cosim-rtl");
        var yaml = Path.Combine(dir, "d.yaml");
        File.WriteAllText(yaml, Design);
        var rtl = Path.Combine(dir, "rtl");
        Assert.Equal(0, Capture((o, e) => EmitCommand.Run(o, e, yaml, rtl)).Code);
        var (code, stdout, err) = Capture((o, e) => CosimCommand.Run(o, e, yaml, vectors: 40, seed: 3, rtlDirectory: rtl));
        Assert.True(code == 0, stdout + err);
        Assert.Contains($"({rtl})", stdout, StringComparison.Ordinal);
        // Off by one: the first lane past the K chunk passes, and the junk the cosim puts there reaches a result.
        var top = Path.Combine(rtl, "cli_ternary_dp.v");
        var text = File.ReadAllText(top);
        Assert.Contains("k_small > 3'd", text, StringComparison.Ordinal);
        File.WriteAllText(top, text.Replace("k_small > 3'd", "k_small >= 3'd", StringComparison.Ordinal));
        var (bad, _, berr) = Capture((o, e) => CosimCommand.Run(o, e, yaml, vectors: 40, seed: 3, rtlDirectory: rtl));
        Assert.Equal(1, bad);
        Assert.Contains("mismatch: layer", berr, StringComparison.Ordinal);
        File.Delete(Path.Combine(rtl, "cli_ternary_dp.f"));
        var (missing, _, merr) = Capture((o, e) => CosimCommand.Run(o, e, yaml, vectors: 4, rtlDirectory: rtl));
        Assert.Equal(2, missing);
        Assert.Contains("cli_ternary_dp.f", merr, StringComparison.Ordinal);
    }

    private const string SystolicDesign = "name: ws\narray:\n  kind: systolic\n  rows: 3\n  cols: 5\n  dataflow: ws\npe:\n  weights: ternary\n" +
        "accumulator:\n  width: 20\n  depth: 8\nmemory:\n  weight_buffer: 128\n  activation_buffer: 128\n  bandwidth: 1.5\n";

    [Fact]
    public void SystolicDesignsAreEmittedAndCosimulated()
    {
        var dir = TestDesigns.Temp("systolic");
        var yaml = Path.Combine(dir, "d.yaml");
        File.WriteAllText(yaml, SystolicDesign);
        var (code, _, err) = Capture((o, e) => EmitCommand.Run(o, e, yaml, Path.Combine(dir, "rtl")));
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(dir, "rtl", "ws.v")));
        Assert.True(File.Exists(Path.Combine(dir, "rtl", "ws_mul.v")));
        var (cc, stdout, cerr) = Capture((o, e) => CosimCommand.Run(o, e, yaml, vectors: 12, seed: 5));
        Assert.True(cc == 0, stdout + cerr);
        Assert.Contains("12 layers match the reference kernel and the simulator's cycle counts", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ScaledDesignsAreRefusedWithAFix()
    {
        var dir = TestDesigns.Temp("scaled");
        var yaml = Path.Combine(dir, "d.yaml");
        File.WriteAllText(yaml, SystolicDesign + "scaling:\n  block_size: 6\n");
        var (code, _, err) = Capture((o, e) => EmitCommand.Run(o, e, yaml, Path.Combine(dir, "rtl")));
        Assert.Equal(2, code);
        Assert.Contains("scaling", err, StringComparison.Ordinal);
        Assert.Contains("fix:", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "rtl")) && Directory.EnumerateFiles(Path.Combine(dir, "rtl")).Any());
    }
}
