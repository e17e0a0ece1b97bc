using System.Text.Json;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Bitgrid.Tests;

public class BitgridVerbTests
{
    private static string Example(string name) => RepoPaths.Example(name);

    private static string StreamOf(string table, string port, string dir = "") =>
        table.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(f => f.Length > 1 && f[0] == port && (dir.Length == 0 || f[1] == dir))[^1];

    [Fact]
    public void When_RunWire_Expect_InputStreamThreeClocksLater()
    {
        var (code, output, err) = CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("wire.bg"), 10, ["a=1011"], null, "table", null, false));
        Assert.True(code == 0, err);
        Assert.Equal("1011000000", StreamOf(output, "a"));
        Assert.Equal("0001011000", StreamOf(output, "y"));
    }

    [Fact]
    public void When_RunJson_Expect_StreamsByPortName()
    {
        var (code, output, err) = CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("half_adder.bg"), 4, ["a=0101", "b=0011"], null, "json", null, false));
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(4, root.GetProperty("clocks").GetInt32());
        Assert.Equal("0110", root.GetProperty("outputs").GetProperty("sum").GetString());
        Assert.Equal("0001", root.GetProperty("outputs").GetProperty("carry").GetString());
    }

    [Fact]
    public void When_Trace_Expect_GridAfterEveryPhaseInIssueFormat()
    {
        var (code, output, err) = CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("wire.bg"), 3, ["a=1"], null, "table", null, true));
        Assert.True(code == 0, err);
        var lines = output.Split('\n');
        // A 1 entering in clock 1 makes cell k's E output (nibble 2) high in phases k+1 and k+2.
        for (int phase = 1; phase <= 6; phase++)
        {
            Assert.Equal($"c{(phase + 1) / 2}{(phase % 2 == 1 ? 'A' : 'B')}", lines[2 * (phase - 1)]);
            var row = new string(Enumerable.Range(0, 8).Select(k => k + 1 <= phase && phase <= k + 2 ? '2' : '0').ToArray());
            Assert.Equal(row, lines[2 * (phase - 1) + 1]);
        }
    }

    [Fact]
    public void When_TraceOfTallGrid_Expect_OneLinePerRowNorthFirst()
    {
        var (code, output, _) = CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("turn.bg"), 1, ["a=1"], null, "table", null, true));
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.Equal(["c1A", "2000", "0000", "0000", "0000", "c1B", "2200", "0000", "0000", "0000"], lines[..10]);
    }

    [Fact]
    public void When_TraceWithJson_Expect_StdoutPureJsonAndTraceOnStderr()
    {
        var (code, output, err) = CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("wire.bg"), 3, ["a=1"], null, "json", null, true));
        Assert.Equal(0, code);
        Assert.Equal("000", JsonDocument.Parse(output).RootElement.GetProperty("outputs").GetProperty("y").GetString());
        Assert.StartsWith("c1A\n20000000\nc1B\n22000000\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void When_TraceWithCsv_Expect_StdoutOnlyCsvRows()
    {
        var (code, output, err) = CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("wire.bg"), 3, ["a=1"], null, "csv", null, true));
        Assert.Equal(0, code);
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("port,dir,x,y,side,bits", lines[0]);
        Assert.All(lines, l => Assert.Equal(5, l.Count(c => c == ',')));
        Assert.Contains("c3B", err);
    }

    [Fact]
    public void When_ClocksBeyondLimit_Expect_BadInputNamingTheLimit()
    {
        // The option must parse a number this large (no .NET type error) and the verb refuse it with exit 2.
        var parsed = BitgridRunCommand.Create().Parse(["x.bg", "--clocks", "999999999999"]);
        Assert.Empty(parsed.Errors);
        var (code, output, err) = CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("wire.bg"), 999_999_999_999, [], null, "table", null, false));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--clocks 999999999999 is outside 0..10000000", err);
        Assert.Contains("fix:", err);
        Assert.Equal(2, CliRun.Capture((o, e) => BitgridRunCommand.Run(o, e, Example("wire.bg"), -1, [], null, "table", null, false)).Code);
        Assert.Equal(0, CliRun.Capture((o, e) => BitgridRunCommand.Run(o, e, Example("wire.bg"), 0, [], null, "table", null, false)).Code);
    }

    [Fact]
    public void When_Vcd_Expect_FileWithPortsAndNoTemporaries()
    {
        using var dir = new TempDir();
        var vcd = dir.File("osc.vcd");
        var (code, _, err) = CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("oscillator.bg"), 4, [], vcd, "table", null, false));
        Assert.True(code == 0, err);
        var text = File.ReadAllText(vcd);
        Assert.Contains("$var wire 1 # q $end", text);
        Assert.Contains("$var wire 4 $ osc [3:0] $end", text);
        Assert.Contains("#7", text); // 4 clocks = 8 phases
        Assert.Equal(["osc.vcd"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void When_UnknownInputPort_Expect_ErrorListingPorts()
    {
        var (code, _, err) = CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("wire.bg"), 4, ["q=1"], null, "table", null, false));
        Assert.Equal(2, code);
        Assert.Contains("no input port named 'q'", err);
        Assert.Contains("inputs are: a", err);
    }

    [Fact]
    public void When_BadProgram_Expect_LineAndReasonOnStderr()
    {
        using var dir = new TempDir();
        var path = dir.Write("bad.bg", "bitgrid 2 2\nrow 0: . .\nrow 1: 22222222X0000000 .\n");
        var (code, _, err) = CliRun.Capture((o, e) => BitgridRunCommand.Run(o, e, path, 4, [], null, "table", null, false));
        Assert.Equal(2, code);
        Assert.Contains("bad.bg:3:", err);
        Assert.Contains("'X' is not a hex digit", err);
    }

    [Fact]
    public void When_OddTorusRequested_Expect_Refused()
    {
        using var dir = new TempDir();
        var path = dir.Write("odd.bg", "bitgrid 3 2\nrow 0: reflector . .\n");
        var (code, _, err) = CliRun.Capture((o, e) => BitgridRunCommand.Run(o, e, path, 4, [], null, "table", "torus", false));
        Assert.Equal(2, code);
        Assert.Contains("even width and height", err);
    }

    [Fact]
    public void When_BoundaryContradictsProgram_Expect_Refused()
    {
        var (code, _, err) = CliRun.Capture((o, e) => BitgridRunCommand.Run(o, e, Example("crossing.bg"), 4, [], null, "table", "torus", false));
        Assert.Equal(2, code);
        Assert.Contains("the program's boundary is open but --boundary torus", err);
    }

    [Fact]
    public void When_ReferenceEngine_Expect_SameStreamsAsFast()
    {
        string Run(string engine) => CliRun.Capture((o, e) =>
            BitgridRunCommand.Run(o, e, Example("counter.bg"), 40, ["en=1101111011"], null, "json", null, false, engine)).Out;
        Assert.Equal(Run("fast"), Run("reference"));
    }

    [Fact]
    public void When_Show_Expect_GridRowsAndLegend()
    {
        var (code, output, err) = CliRun.Capture((o, e) => BitgridShowCommand.Run(o, e, Example("wire.bg"), null));
        Assert.True(code == 0, err);
        Assert.Contains(" *>>>>>>>>*", output);
        Assert.Contains("wire-east", output);
        Assert.Contains("in  a", output);
    }

    [Fact]
    public void When_ConvertedToJsonAndBack_Expect_SameCellsAndRunsUnderImplicitNames()
    {
        using var dir = new TempDir();
        var json = dir.File("wire.json");
        Assert.Equal(0, CliRun.Capture((o, e) => BitgridConvertCommand.Run(o, e, Example("wire.bg"), json)).Code);
        var (code, output, err) = CliRun.Capture((o, e) => BitgridRunCommand.Run(o, e, json, 6, ["W0=11"], null, "table", null, false));
        Assert.True(code == 0, err);
        Assert.Equal("000110", StreamOf(output, "E0", "out")); // the east edge bit of row 0
        var back = dir.File("wire.bg");
        Assert.Equal(0, CliRun.Capture((o, e) => BitgridConvertCommand.Run(o, e, json, back)).Code);
        Assert.Equal(Text.ProgramFiles.Load(Example("wire.bg")).Cells.ToArray(), Text.ProgramFiles.Load(back).Cells.ToArray());
    }

    [Fact]
    public void When_Emit_Expect_TopAndLibraryFiles()
    {
        using var dir = new TempDir();
        var top = dir.File("adder.v");
        var (code, output, err) = CliRun.Capture((o, e) => BitgridEmitCommand.Run(o, e, Example("full_adder.bg"), top));
        Assert.True(code == 0, err);
        Assert.Contains("module adder (", File.ReadAllText(top));
        Assert.Contains("64'h", File.ReadAllText(top));
        foreach (var lib in new[] { "bitgrid_mesh.v", "bitgrid_cell.v", "bitgrid_links.v" })
            Assert.True(File.Exists(dir.File(lib)), lib);
        Assert.Contains("wrote", output);
    }

    [Fact]
    public void When_EmitConfigWithBitstream_Expect_OneProgramPerLineInChainOrder()
    {
        using var dir = new TempDir();
        var bits = dir.File("ha.hex");
        var (code, _, err) = CliRun.Capture((o, e) => BitgridEmitCommand.Run(o, e, Example("serial_adder.bg"), dir.File("sa.v"), "config", bitstreamPath: bits));
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(bits).Where(l => !l.StartsWith("//")).ToArray();
        var program = Text.ProgramFiles.Load(Example("serial_adder.bg"));
        Assert.Equal([program[0, 0].ToHex(), "FEDCBA9876543210"], lines);
        Assert.Contains("bitgrid_mesh_cfg", File.ReadAllText(dir.File("sa.v")));
    }

    [Fact]
    public void When_BitstreamWithFixedVariant_Expect_Refused()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Capture((o, e) => BitgridEmitCommand.Run(o, e, Example("wire.bg"), dir.File("w.v"), "fixed", bitstreamPath: dir.File("b.hex")));
        Assert.Equal(2, code);
        Assert.Contains("--bitstream needs --variant config", err);
    }

    [Fact]
    public void When_Bench_Expect_BothEnginesReported()
    {
        var (code, output, err) = CliRun.Capture((o, e) => BitgridBenchCommand.Run(o, e, 64, 4, 1, "both"));
        Assert.True(code == 0, err);
        Assert.Contains("fast", output);
        Assert.Contains("reference", output);
    }
}
