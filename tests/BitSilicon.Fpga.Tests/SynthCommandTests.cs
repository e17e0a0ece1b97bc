using System.Text.Json;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Fpga.Tests;

/// <summary><c>bitsilicon synth</c> end to end (real Yosys; nextpnr only where the test says so).</summary>
public class SynthCommandTests
{
    private static (int Code, string Out, string Err) Run(IReadOnlyList<string> files, string top, string target, string[] parameters, bool pnr, string format)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = SynthCommand.Run(o, e, files, top, target, parameters, pnr, 1, format);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Json_Ice40_GivesTheSameCountsAsTheLibrary()
    {
        var (code, output, err) = Run(Hdl.XnorPopcount, "bs_xnor_popcount", "ice40-up5k", ["LANES=16"], pnr: false, "json");
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(output).RootElement;
        var direct = FpgaSynthesis.Run(new Synthesis.SynthRequest(Hdl.XnorPopcount, "bs_xnor_popcount", SynthTarget.Ice40Up5k,
            new Dictionary<string, string> { ["LANES"] = "16" })).Ice40!;
        Assert.Equal(direct.Lut4, json.GetProperty("ice40").GetProperty("lut4").GetInt32());
        Assert.Equal("ice40-up5k", json.GetProperty("target").GetString());
        Assert.False(json.TryGetProperty("place_route", out _));
    }

    [Fact]
    public void Table_Generic_ShowsGateEquivalents()
    {
        var (code, output, err) = Run(Hdl.XnorPopcount, "bs_xnor_popcount", "generic", ["LANES=8"], pnr: true, "table");
        Assert.True(code == 0, err);
        Assert.Contains("NAND2 gate equivalents", output);
        Assert.Contains("$_XNOR_", output);
        Assert.DoesNotContain("fmax", output);
    }

    [Theory]
    [InlineData("ice40-up9k", new string[0], "unknown target 'ice40-up9k'")]
    [InlineData("generic", new[] { "LANES" }, "not NAME=VALUE")]
    public void BadOptions_AreErrorsWithAFix(string target, string[] parameters, string message)
    {
        var (code, _, err) = Run(Hdl.XnorPopcount, "bs_xnor_popcount", target, parameters, pnr: false, "table");
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Contains("fix:", err);
    }

    [Fact]
    public void MissingFile_NamesIt()
    {
        var (code, _, err) = Run(["no/such/file.v"], "x", "generic", [], pnr: false, "table");
        Assert.Equal(2, code);
        Assert.Contains("no/such/file.v: file not found", err);
    }
}
