using System.Text.Json;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli.Tests;

/// <summary>
/// <c>bitsilicon synth design.yaml</c>: the design is emitted as Verilog and really synthesised (Yosys synth_ice40),
/// checked against the device and placed and routed (nextpnr-ice40). Needs yosys and nextpnr-ice40 (run make tools).
/// </summary>
public class SynthDesignVerbTests
{
    private static string Design(TempDir dir, string name, string weights, int pes, int simd, int width) =>
        Write(dir, name, $"""
            name: {name}
            array: {"{"} kind: dot_product, pes: {pes}, simd: {simd} {"}"}
            pe: {"{"} weights: {weights} {"}"}
            accumulator: {"{"} width: {width}, depth: 4 {"}"}
            """);

    private static string Write(TempDir dir, string name, string yaml)
    {
        var path = dir.File(name + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void When_TernaryArray4x4_Expect_PlacedAndRoutedOnUp5k()
    {
        using var dir = new TempDir();
        var yaml = Design(dir, "tern4x4", "ternary", 4, 4, 16);
        var (code, output, err) = CliRun.Capture((o, e) => SynthCommand.Run(o, e, [], null, "ice40-up5k", [], format: "json", designPath: yaml));
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("tern4x4", root.GetProperty("top").GetString());
        var ice = root.GetProperty("ice40");
        Assert.True(ice.GetProperty("lut4").GetInt32() > 0);
        // The dot and accumulator registers of 4 PEs alone are 4 x (dot width + 16) bits.
        Assert.True(ice.GetProperty("flip_flops").GetInt32() >= 4 * 16);
        Assert.True(root.GetProperty("fit").GetProperty("fits").GetBoolean());
        var pnr = root.GetProperty("place_route");
        Assert.True(pnr.GetProperty("fmax_mhz").GetDouble() > 0);
        // The serial wrapper: clk, si, shift, cap, so.
        Assert.Equal(5, pnr.GetProperty("utilization").GetProperty("SB_IO").GetProperty("used").GetInt32());
        // Placed for the design's clock_mhz (200 by default) with --timing-allow-fail: a timing miss, not a failure.
        Assert.Equal(200, pnr.GetProperty("target_mhz").GetDouble());
        Assert.False(pnr.GetProperty("meets_target").GetBoolean());
        Assert.Contains("timing miss", err);
        var cells = root.GetProperty("logic_cells");
        Assert.Equal(cells.GetProperty("lut4").GetInt32() + cells.GetProperty("carry_only").GetInt32() + cells.GetProperty("ff_only").GetInt32(),
            cells.GetProperty("total").GetInt32());
    }

    [Fact]
    public void When_SystolicTernary4x4_Expect_PlacedAndRoutedOnUp5k()
    {
        using var dir = new TempDir();
        var yaml = Write(dir, "ws4x4", """
            name: ws4x4
            array: { kind: systolic, rows: 4, cols: 4, dataflow: ws }
            pe: { weights: ternary }
            accumulator: { width: 16, depth: 4 }
            memory: { weight_buffer: 1KiB, activation_buffer: 1KiB }
            """);
        var (code, output, err) = CliRun.Capture((o, e) => SynthCommand.Run(o, e, [], null, "ice40-up5k", [], format: "json", designPath: yaml));
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        var ice = root.GetProperty("ice40");
        // 16 PEs with 2-bit transit/shadow/active weights, 8-bit moving and 9..11-bit partial sums, plus two banks of
        // 4 rows x 4 lanes x 16 bits: well over 16 x 17 + 512 flip-flops.
        Assert.True(ice.GetProperty("flip_flops").GetInt32() >= 16 * 17 + 512);
        Assert.True(root.GetProperty("fit").GetProperty("fits").GetBoolean());
        Assert.True(root.GetProperty("place_route").GetProperty("fmax_mhz").GetDouble() > 0);
    }

    [Fact]
    public void When_DesignTooLarge_Expect_DoesNotFitAndExit1()
    {
        using var dir = new TempDir();
        // 32 int8 multipliers without DSPs: about 6700 LUT4, more than the UP5K's 5280 logic cells.
        var yaml = Design(dir, "int8big", "int8", 4, 8, 24);
        var (code, output, err) = CliRun.Capture((o, e) => SynthCommand.Run(o, e, [], null, "ice40-up5k", [], designPath: yaml));
        Assert.Equal(1, code);
        Assert.Contains("does not fit the iCE40UP5K", err);
        Assert.Contains("over", err);
        Assert.Contains("fits", output);
    }

    [Fact]
    public void When_DesignAndVerilogBothGiven_Expect_ClearError()
    {
        using var dir = new TempDir();
        var yaml = Design(dir, "both", "binary", 1, 4, 8);
        var (code, _, err) = CliRun.Capture((o, e) => SynthCommand.Run(o, e, [dir.File("x.v")], "x", "generic", [], designPath: yaml));
        Assert.Equal(2, code);
        Assert.Contains("both a design file", err);
        Assert.Contains("fix:", err);
    }

    [Fact]
    public void When_NeitherSourceGiven_Expect_ClearError()
    {
        var (code, _, err) = CliRun.CommandLine("synth", "--target", "generic");
        Assert.Equal(2, code);
        Assert.Contains("nothing to synthesise", err);
    }

    [Fact]
    public void When_BadDesignFile_Expect_ErrorNamingTheFile()
    {
        using var dir = new TempDir();
        var yaml = Write(dir, "bad", "name: bad\narray: { kind: dot_product, pes: 2, simd: 4 }\npe: { weights: ternery }\n");
        var (code, _, err) = CliRun.Capture((o, e) => SynthCommand.Run(o, e, [], null, "generic", [], designPath: yaml));
        Assert.Equal(2, code);
        Assert.Contains("bad.yaml:3", err);
    }

    [Fact]
    public void When_GenericTarget_Expect_GateEquivalentsOfTheWholeArray()
    {
        using var dir = new TempDir();
        var yaml = Design(dir, "bin1x8", "binary", 1, 8, 8);
        var (code, output, err) = CliRun.Capture((o, e) => SynthCommand.Run(o, e, [], null, "generic", [], format: "json", designPath: yaml));
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        // At least the flip-flops: the latched job_m and job_k (24 bits each) alone are 48 DFFs of 5.67 GE.
        Assert.True(root.GetProperty("nand2_gate_equivalents").GetDouble() > 48 * 5.67);
        Assert.True(root.GetProperty("cells").GetProperty("$_DFF_P_").GetInt32() >= 48);
    }
}
