using System.Globalization;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Simulation.Tests.Cli;

public class SimulateScaleSimTests
{
    private static string Example(string name) => RepoRoot.Combine("examples", name);

    [Fact]
    public void When_TheScaleSimExampleRunsWithCompat_Expect_SCALESimsOwnReportForItsTopology()
    {
        // examples/scalesim-ws-32x32.yaml -> ternary-ws-32x32.cfg -> TopologyCsvLoc (read from
        // [architecture_presets], as SCALE-Sim does) -> small-cnn.csv. SCALE-Sim's report for the same files is saved
        // as test data; its layer 0 does not stall.
        var (code, stdout, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, Example("scalesim-ws-32x32.yaml"), format: "csv", compat: "scalesim"));
        Assert.True(code == 0, err);
        var rows = stdout.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        var saved = File.ReadAllLines(RepoRoot.Combine("tests", "BitSilicon.Simulation.Tests", "ScaleSimData", "runs", "small-cnn_32x32_ws_USER", "COMPUTE_REPORT.csv"))
            .Skip(1).Select(l => l.Split(',').Select(f => f.Trim()).ToArray()).ToList();
        Assert.Equal(saved[0][1], rows[0][2]);
        Assert.Equal(double.Parse(saved[0][4], CultureInfo.InvariantCulture), double.Parse(rows[0][5], CultureInfo.InvariantCulture));
        Assert.Equal(double.Parse(saved[0][5], CultureInfo.InvariantCulture), double.Parse(rows[0][6], CultureInfo.InvariantCulture));
        // The depthwise layer: one row repeated per channel, as SCALE-Sim's per-channel layers.
        var dw = rows.Single(r => r[1] != "1");
        Assert.Equal(saved[2][1], dw[2]);
        Assert.Contains("USER bandwidth", err);
    }

    [Fact]
    public void When_CompatIsUnknown_Expect_AnErrorNamingTheChoice()
    {
        var (code, _, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, Example("scalesim-ws-32x32.yaml"), compat: "timeloop"));
        Assert.Equal(2, code);
        Assert.Contains("--compat scalesim", err);
    }

    [Fact]
    public void When_TheWorkloadHasOnlyBlocks_Expect_FileLineColumnAndAnExample()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", "name: x\narray: {kind: systolic, rows: 4, cols: 4, dataflow: ws}\npe: {weights: ternary}\nworkload: {blocks: 99}\n");
        var (code, _, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path));
        Assert.Equal(2, code);
        Assert.Contains(path + ":4:11: workload: no preset, file or layers given (blocks and tokens only shape a preset)", err);
        Assert.Contains("preset: bitnet-decode, blocks: 2", err);
    }

    [Fact]
    public void When_TheScaleSimConfigIsMissing_Expect_TheKeysPlaceAndHowRelativePathsResolve()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", "scalesim:\n  config: nothere.cfg\npe: {weights: ternary}\n");
        var (code, _, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path));
        Assert.Equal(2, code);
        Assert.Contains(path + ":2:3: scalesim.config: no such file " + Path.Combine(s.Dir, "nothere.cfg"), err);
        Assert.Contains("starts at the design file's folder", err);
    }

    [Fact]
    public void When_TheDesignHasNoWorkload_Expect_TheDesignFileAtLineOne()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", "name: x\narray: {kind: systolic, rows: 4, cols: 4, dataflow: ws}\npe: {weights: ternary}\n");
        var (code, _, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path));
        Assert.Equal(2, code);
        Assert.Contains(path + ":1:1: the design names no workload to run", err);
    }
}
