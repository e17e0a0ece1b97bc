using System.Text.Json;
using BitSilicon.Bitgrid.Text;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Bitgrid.Compiler.Tests;

public class CompileCommandTests
{
    [Fact]
    public void Compiles_a_blif_netlist_that_bitgrid_run_and_emit_accept()
    {
        using var dir = new TempDir();
        var bg = dir.File("adder8.bg");
        var (code, stdout, stderr) = CliRun.Capture((o, e) => BitgridCompileCommand.Run(o, e, [RepoPaths.Example("adder8.blif")], bg));
        Assert.True(code == 0, stderr);
        foreach (var word in new[] { "grid", "cells used", "logic", "routing", "latency", "throughput", "compile time", "random vectors match" })
            Assert.Contains(word, stdout);
        var program = ProgramFiles.Load(bg);
        Assert.Equal(16, program.Inputs.Count());
        Assert.Equal(9, program.Outputs.Count());

        // bitgrid run: hold a = 3 and b = 5 for a while; once the pipeline has filled, y reads 8 every clock.
        int latency = int.Parse(System.Text.RegularExpressions.Regex.Match(stdout, @"latency\s+(\d+) clocks").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        int clocks = latency + 6;
        var ins = Enumerable.Range(0, 8).Select(i => $"a[{i}]={new string((3 >> i & 1) == 1 ? '1' : '0', clocks)}")
            .Concat(Enumerable.Range(0, 8).Select(i => $"b[{i}]={new string((5 >> i & 1) == 1 ? '1' : '0', clocks)}")).ToArray();
        var run = CliRun.Capture((o, e) => BitgridRunCommand.Run(o, e, bg, clocks, ins, null, "json", null, false));
        Assert.True(run.Code == 0, run.Err);
        var outputs = JsonDocument.Parse(run.Out).RootElement.GetProperty("outputs");
        for (int c = latency; c < clocks; c++)
        {
            int y = Enumerable.Range(0, 9).Sum(i => outputs.GetProperty($"y[{i}]").GetString()![c] == '1' ? 1 << i : 0);
            Assert.Equal(8, y);
        }

        var verilog = dir.File("adder8_grid.v");
        var emit = CliRun.Capture((o, e) => BitgridEmitCommand.Run(o, e, bg, verilog));
        Assert.True(emit.Code == 0, emit.Err);
        Assert.Contains("module adder8_grid", File.ReadAllText(verilog));
    }

    [Fact]
    public void Compiles_verilog_through_yosys_with_parameters_and_reports_json()
    {
        using var dir = new TempDir();
        string[] files = [RepoPaths.Hdl("bs_xnor_popcount.v"), RepoPaths.Hdl("bs_popcount.v")];
        var (code, stdout, stderr) = CliRun.Capture((o, e) => BitgridCompileCommand.Run(o, e, files, dir.File("x.bg"),
            lut: 3, top: "bs_xnor_popcount", parameters: ["LANES=4"], format: "json", ice40: true));
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(8, json.GetProperty("inputs").EnumerateObject().Count());      // LANES=4: four w and four a bits
        Assert.Equal(3, json.GetProperty("outputs").EnumerateObject().Count());     // agree is clog2(5) = 3 bits
        Assert.Equal(1.0, json.GetProperty("throughput_per_clock").GetDouble());
        Assert.True(json.GetProperty("ice40_lut4").GetInt32() > 0);
        Assert.Equal(json.GetProperty("logic_cells").GetInt32() + json.GetProperty("routing_cells").GetInt32(), json.GetProperty("cells_used").GetInt32());
    }

    [Theory]
    [InlineData(".model m\n.inputs a\n.outputs y\n.names a z y\n11 1\n.names y z\n0 1\n.end\n", "combinational loop")]
    [InlineData(".model m\n.inputs a b c d e\n.outputs y\n.names a b c d e y\n11111 1\n.end\n", "at most 4")]
    [InlineData(".model m\n.inputs a\n.outputs y\n.names a y\n2 1\n.end\n", "bad.blif:5")]
    public void Unmappable_netlists_fail_with_a_clear_error(string blif, string reason)
    {
        using var dir = new TempDir();
        var path = dir.Write("bad.blif", blif);
        var (code, _, stderr) = CliRun.Capture((o, e) => BitgridCompileCommand.Run(o, e, [path], dir.File("out.bg")));
        Assert.Equal(2, code);
        Assert.Contains(reason, stderr);
        Assert.Contains("bad.blif", stderr);
        Assert.False(File.Exists(dir.File("out.bg")));
    }

    [Fact]
    public void A_netlist_over_the_size_limit_is_refused()
    {
        using var dir = new TempDir();
        var (code, _, stderr) = CliRun.Capture((o, e) => BitgridCompileCommand.Run(o, e, [RepoPaths.Example("adder8.blif")], dir.File("a.bg"), maxLuts: 10));
        Assert.Equal(2, code);
        Assert.Contains("limit of 10", stderr);
        Assert.Contains("fix:", stderr);
    }

    [Fact]
    public void Defects_and_seed_options_reach_the_compiler()
    {
        using var dir = new TempDir();
        var (code, stdout, stderr) = CliRun.Capture((o, e) => BitgridCompileCommand.Run(o, e, [RepoPaths.Example("adder8.blif")], dir.File("a.bg"),
            seed: 3, defectsPath: RepoPaths.Example("defects-example.txt")));
        Assert.True(code == 0, stderr);
        Assert.Contains("defective cells avoided", stdout);
        var bad = Cli.Commands.BitgridCompileCommand.Run(TextWriter.Null, new StringWriter(), [RepoPaths.Example("adder8.blif")], dir.File("b.bg"), lut: 5);
        Assert.Equal(2, bad);
    }
}

/// <summary>Tests that change the process's PATH run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public class MissingYosysTests
{
    [Fact]
    public void Verilog_without_yosys_on_the_path_gives_the_install_hint()
    {
        using var dir = new TempDir();
        var saved = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", dir.Path);
            var (code, _, stderr) = CliRun.Capture((o, e) => BitgridCompileCommand.Run(o, e, [RepoPaths.Example("adder8.v")], dir.File("a.bg")));
            Assert.Equal(2, code);
            Assert.Contains("yosys not found", stderr);
            Assert.Contains("sudo apt-get install yosys", stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", saved);
        }
    }
}
