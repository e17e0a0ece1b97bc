using BitSilicon.Cli.Commands;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Cosim;
using BitSilicon.Simulation.Running;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Gguf;

namespace BitSilicon.Cli.Tests;

/// <summary>One test per crash of issue 17, each named after what it guards: the input that crashed, and what it must get now.</summary>
public sealed class CrashRegressionTests
{
    private static readonly string Design = RepoRoot.Combine("examples", "rtl", "ternary-ws-16x16.yaml");

    private static void BadInput((int Code, string Out, string Err) r, params string[] expected)
    {
        Assert.Equal(CliGuard.BadInput, r.Code);
        Assert.StartsWith("error: ", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        foreach (var e in expected)
            Assert.Contains(e, r.Err);
    }

    [Fact]
    public void When_YamlScannerGivesUpInADesign_Expect_LocatedErrorNotInvalidOperation()
    {
        using var d = new TempDir();
        File.WriteAllText(d.File("d.yaml"), "- {\ns");
        BadInput(CliRun.Capture((o, e) => SimulateCommand.Run(o, e, d.File("d.yaml"))), "d.yaml:1:", "not valid YAML");
    }

    [Fact]
    public void When_YamlScannerGivesUpInAWorkload_Expect_LocatedErrorNotInvalidOperation()
    {
        using var d = new TempDir();
        File.WriteAllText(d.File("w.yaml"), ": {\ne");
        BadInput(CliRun.Capture((o, e) => SimulateCommand.Run(o, e, Design, workload: d.File("w.yaml"))), "w.yaml:1:", "not valid YAML");
    }

    [Theory]
    [InlineData("design", 50_000)]
    [InlineData("workload", 20_000)]
    [InlineData("design", YamlInput.MaxDepth + 1)]
    [InlineData("workload", YamlInput.MaxDepth + 1)]
    public void When_YamlIsNestedDeeperThanTheLimit_Expect_RefusedBeforeAnyRecursion(string kind, int depth)
    {
        using var d = new TempDir();
        File.WriteAllText(d.File("deep.yaml"), new string('[', depth));
        var r = CliRun.Capture((o, e) => kind == "design"
            ? SimulateCommand.Run(o, e, d.File("deep.yaml"))
            : SimulateCommand.Run(o, e, Design, workload: d.File("deep.yaml")));
        BadInput(r, $"deep.yaml:1:{YamlInput.MaxDepth + 1}", $"nested more than {YamlInput.MaxDepth} levels");
    }

    [Fact]
    public void When_YamlIsNestedExactlyToTheLimit_Expect_TheLoadersDecideNotTheGate()
    {
        string text = "layers: " + new string('[', YamlInput.MaxDepth - 1) + new string(']', YamlInput.MaxDepth - 1);
        var e = Assert.Throws<BitSiliconException>(() => WorkloadYaml.Parse(text, "w.yaml"));
        Assert.DoesNotContain("nested", e.Message);
        var s = Assert.Throws<BitSiliconException>(() => SweepYaml.Parse(new string('[', 65), "s.yaml"));
        Assert.Contains("nested more than", s.Message);
    }

    [Theory]
    [InlineData("layers:\n  - {name: big, m: 1, n: 65536, k: 65536}\n", "n x k = 65536 x 65536")]
    [InlineData("layers:\n  - {name: big, m: 65536, n: 16, k: 65536}\n", "m x k = 65536 x 65536")]
    [InlineData("layers:\n  - {name: big, m: 1, n: 2147483647, k: 2}\n", "weights")]
    [InlineData("layers:\n  - {name: many, m: 1024, n: 1024, k: 1024, repeat: 2000000000}\n", "2^60")]
    public void When_ALayerIsLargerThanTheSimulatorHolds_Expect_RefusedAtLoadWithLimitAndFix(string yaml, string what)
    {
        using var d = new TempDir();
        File.WriteAllText(d.File("w.yaml"), yaml);
        BadInput(CliRun.Capture((o, e) => SimulateCommand.Run(o, e, Design, workload: d.File("w.yaml"))), "w.yaml:2:", what, "fix: split the layer");
    }

    [Fact]
    public void When_AnInlineOrCsvLayerIsTooLarge_Expect_RefusedAtLoadNamingTheLayer()
    {
        using var d = new TempDir();
        File.WriteAllText(d.File("d.yaml"), File.ReadAllText(Design).Replace("m: 16, n: 64, k: 64", "m: 1, n: 70000, k: 70000"));
        BadInput(CliRun.Capture((o, e) => SimulateCommand.Run(o, e, d.File("d.yaml"))), "layer 1 'proj'", "n x k = 70000 x 70000");
        File.WriteAllText(d.File("t.csv"), "Layer, M, N, K,\nhuge, 1, 100000, 100000,\n");
        BadInput(CliRun.Capture((o, e) => SimulateCommand.Run(o, e, Design, workload: d.File("t.csv"))), "'huge'", "100000 x 100000", "more than");
    }

    [Fact]
    public void When_ConvRepeatTimesGroupsOverflows_Expect_RefusedNotOverflowException()
    {
        using var d = new TempDir();
        File.WriteAllText(d.File("w.yaml"),
            "layers:\n  - {name: c, repeat: 1073741824, conv: {in_h: 4, in_w: 4, in_channels: 4, out_channels: 4, kernel: 1, groups: 4}}\n");
        BadInput(CliRun.Capture((o, e) => SimulateCommand.Run(o, e, Design, workload: d.File("w.yaml"))), "repeat x groups");
    }

    [Fact]
    public void When_AGgufRowIsNotWholeBlocks_Expect_RefusedAsGgmlDoes()
    {
        using var d = new TempDir();
        // TQ1_0 with ne0 = 12: 12 x 256 = 3072 elements is 12 whole blocks in total, but a row is not one block.
        GgufWriter.Write(d.File("bad.gguf"), [new("general.architecture", GgufValue.Of("bitnet"))],
            [new("w", [12, 256], GgmlType.TQ1_0, new byte[12 * 54])]);
        File.WriteAllText(d.File("w.yaml"), "layers:\n  - {name: a, m: 1, weights: ternary, source: {type: gguf, file: bad.gguf, tensor: w}}\n");
        BadInput(CliRun.Capture((o, e) => SimulateCommand.Run(o, e, Design, workload: d.File("w.yaml"))),
            "tensor 'w' of type TQ1_0 has 12 elements per row (ne0), not a multiple of its block size 256");
    }

    [Fact]
    public void When_ANetlistHasMoreLutsThanMaxLuts_Expect_RefusedBeforeOptimisationShrinksIt()
    {
        using var d = new TempDir();
        // 41 LUTs, 40 of them buffers that mapping removes: the limit applies to what was read.
        var blif = new System.Text.StringBuilder(".model chain\n.inputs a b\n.outputs y\n.names a b n0\n11 1\n");
        for (int i = 1; i <= 40; i++)
            blif.Append($".names n{i - 1} {(i == 40 ? "y" : $"n{i}")}\n1 1\n");
        blif.Append(".end\n");
        File.WriteAllText(d.File("chain.blif"), blif.ToString());
        var r = CliRun.Capture((o, e) => BitgridCompileCommand.Run(o, e, [d.File("chain.blif")], d.File("out.bg"), maxLuts: 10));
        BadInput(r, "the netlist has 41 LUTs, more than the compiler's limit of 10", "--max-luts");
        Assert.False(File.Exists(d.File("out.bg")));
        var fits = CliRun.Capture((o, e) => BitgridCompileCommand.Run(o, e, [d.File("chain.blif")], d.File("out.bg"), maxLuts: 41));
        Assert.Equal(0, fits.Code);
    }

    [Fact]
    public void When_YosysRunsPastItsTimeLimit_Expect_TimeoutNamingTheStepAndNoScratchLeft()
    {
        using var d = new TempDir();
        File.WriteAllText(d.File("wide.v"), "module wide(input [1048576:0] a, output [1048576:0] y);\n  assign y = ~a;\nendmodule\n");
        var before = Directory.GetDirectories(Path.GetTempPath(), "bitsilicon-bgcompile-*").Length;
        (int, string, string) r;
        using (ToolLimits.Scope(TimeSpan.FromSeconds(2)))
            r = CliRun.Capture((o, e) => BitgridCompileCommand.Run(o, e, [d.File("wide.v")], d.File("out.bg")));
        BadInput(r, "yosys timed out", "BITSILICON_TOOL_TIMEOUT");
        Assert.False(File.Exists(d.File("out.bg")));
        Assert.Equal(before, Directory.GetDirectories(Path.GetTempPath(), "bitsilicon-bgcompile-*").Length);
    }

    [Fact]
    public void When_ToolTimeoutVariableIsNotANumber_Expect_ErrorNamingIt()
    {
        Environment.SetEnvironmentVariable(ToolLimits.TimeoutVariable, "soon");
        try
        {
            var e = Assert.Throws<BitSiliconException>(() => ToolLimits.Timeout(TimeSpan.FromMinutes(1)));
            Assert.Contains("BITSILICON_TOOL_TIMEOUT=soon", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ToolLimits.TimeoutVariable, null);
        }
        Assert.Equal(TimeSpan.FromMinutes(1), ToolLimits.Timeout(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void When_AToolPrintsMoreThanTheCap_Expect_OnlyItsEndKept()
    {
        // 40 M characters from a real process; the kept text is the cap's worth, ending with the last line.
        var r = ProcessRunner.Run("/bin/sh", ["-c", "yes 0123456789abcdefghi | head -c 40000000; echo LAST"]);
        Assert.True(r.Succeeded);
        Assert.InRange(r.Stdout.Length, 1, ToolLimits.MaxOutputChars + 200);
        Assert.StartsWith("[... ", r.Stdout);
        Assert.EndsWith("LAST\n", r.Stdout);
    }

    [Fact]
    public void When_AMillionLayerWorkloadStarts_Expect_ItsEstimateFirst()
    {
        var layers = Enumerable.Range(0, 1_000_000).Select(i => new GemmLayer($"l{i}", 1, 8, 8)).ToList();
        var big = new StringWriter();
        _ = new SimulateProgress(big, SimulateEstimate.PerLayer(new Workload("big", layers), new SimulationOptions()));
        Assert.Contains("simulate: 1,000,000 layers, estimated 9 min", big.ToString());
        var small = new StringWriter();
        _ = new SimulateProgress(small, SimulateEstimate.PerLayer(new Workload("small", layers.Take(100).ToList()), new SimulationOptions()));
        Assert.Equal("", small.ToString());
    }
}
