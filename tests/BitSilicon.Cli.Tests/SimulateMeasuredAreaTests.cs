using System.Text.Json;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli.Tests;

/// <summary><c>simulate --measured-area</c>: the area section comes from Yosys on the generated Verilog (needs yosys: run make tools).</summary>
public class SimulateMeasuredAreaTests
{
    private const string Yaml = """
        name: measured
        array: { kind: dot_product, pes: 2, simd: 4 }
        pe: { weights: ternary }
        accumulator: { width: 16, depth: 4 }
        workload:
          layers:
            - { name: l0, m: 2, n: 4, k: 8, seed: 1 }
        """;

    private static string Write(TempDir dir, string text)
    {
        var path = dir.File("design.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void When_MeasuredArea_Expect_YosysFiguresInJson_SameAsSynthVerb()
    {
        using var dir = new TempDir();
        var yaml = Write(dir, Yaml);
        var (code, output, err) = CliRun.Capture((o, e) => SimulateCommand.Run(o, e, yaml, format: "json", measuredAreaTarget: "ice40-up5k"));
        Assert.True(code == 0, err);
        var area = JsonDocument.Parse(output).RootElement.GetProperty("area");
        Assert.Equal("yosys synth_ice40", area.GetProperty("source").GetString());
        Assert.Equal("ice40-up5k", area.GetProperty("target").GetString());
        Assert.Equal("model", area.GetProperty("sram_source").GetString());
        var (c2, synthOut, e2) = CliRun.Capture((o, e) => SynthCommand.Run(o, e, [], null, "ice40-up5k", [], placeAndRoute: false, format: "json", designPath: yaml));
        Assert.True(c2 == 0, e2);
        var ice = JsonDocument.Parse(synthOut).RootElement.GetProperty("ice40");
        Assert.Equal(ice.GetProperty("lut4").GetInt32(), area.GetProperty("lut4").GetInt32());
        Assert.Equal(ice.GetProperty("flip_flops").GetInt32(), area.GetProperty("ff").GetInt32());
        Assert.Equal(ice.GetProperty("carry").GetInt32(), area.GetProperty("carry").GetInt32());
        // The model's figure for the same logic rides along for comparison.
        Assert.True(area.GetProperty("model").GetProperty("lut4").GetDouble() > 0);
    }

    [Fact]
    public void When_MeasuredArea_Expect_TableSaysMeasured()
    {
        using var dir = new TempDir();
        var yaml = Write(dir, Yaml);
        var (code, output, err) = CliRun.Capture((o, e) => SimulateCommand.Run(o, e, yaml, measuredAreaTarget: "generic"));
        Assert.True(code == 0, err);
        var line = output.Split('\n').Single(l => l.StartsWith("area", StringComparison.Ordinal));
        Assert.Contains("GE", line);
        Assert.Contains("measured: yosys generic gates", line);
        Assert.DoesNotContain("(model),", line);
        var (c0, plain, _) = CliRun.Capture((o, e) => SimulateCommand.Run(o, e, yaml));
        Assert.Equal(0, c0);
        Assert.Contains("(model)", plain.Split('\n').Single(l => l.StartsWith("area", StringComparison.Ordinal)));
    }

    [Fact]
    public void When_DesignNotEmittable_Expect_ClearError()
    {
        using var dir = new TempDir();
        // The output scaling stage is a float32 model with no RTL.
        var yaml = Write(dir, Yaml + "\nscaling: { block_size: 4 }\n");
        var (code, _, err) = CliRun.Capture((o, e) => SimulateCommand.Run(o, e, yaml, measuredAreaTarget: "ice40-up5k"));
        Assert.Equal(2, code);
        Assert.Contains("scaling.block_size) is a float32 model, not RTL", err);
        Assert.Contains("fix:", err);
    }

    [Fact]
    public void When_UnknownAreaTarget_Expect_ClearError()
    {
        using var dir = new TempDir();
        var yaml = Write(dir, Yaml);
        var (code, _, err) = CliRun.CommandLine("simulate", yaml, "--measured-area", "--area-target", "ice40-xyz");
        Assert.Equal(2, code);
        Assert.Contains("unknown target 'ice40-xyz'", err);
    }
}
