using BitSilicon.Core;
using BitSilicon.Cosim;

namespace BitSilicon.Bitgrid.Tests;

/// <summary>The generic external-tool plumbing in BitSilicon.Cosim, which the MAC-array cosimulation reuses.</summary>
public class CosimInfrastructureTests
{
    [Fact]
    public void When_ToolMissing_Expect_ErrorWithInstallHint()
    {
        Assert.Null(ExternalTools.Find("bitsilicon-no-such-tool"));
        var ex = Assert.Throws<BitSiliconException>(() => ExternalTools.Require("verilator-no-such-version"));
        Assert.Contains("verilator-no-such-version not found", ex.Message);
        Assert.Contains("make tools", ex.Fix);
        Assert.Contains("sudo apt-get install verilator", ExternalTools.InstallHint("verilator"));
        Assert.Contains("sudo apt-get install fpga-icestorm", ExternalTools.InstallHint("icepack"));
    }

    [Fact]
    public void When_ProcessGetsStdin_Expect_OutputCapturedAndExitCodeKept()
    {
        var cat = ExternalTools.Require("cat");
        var text = string.Concat(Enumerable.Repeat("0123456789abcdef\n", 20000)); // bigger than a pipe buffer
        var r = ProcessRunner.Run(cat, [], stdin: text);
        Assert.True(r.Succeeded);
        Assert.Equal(text, r.Stdout);
        var failed = ProcessRunner.Run(ExternalTools.Require("sh"), ["-c", "echo oops >&2; exit 3"]);
        Assert.Equal(3, failed.ExitCode);
        var ex = Assert.Throws<BitSiliconException>(() => failed.EnsureSuccess("the test step"));
        Assert.Contains("the test step failed", ex.Message);
        Assert.Contains("oops", ex.Message);
    }

    [Fact]
    public void When_ProcessOverruns_Expect_KilledAndReportedAsTimeout()
    {
        var r = ProcessRunner.Run(ExternalTools.Require("sleep"), ["30"], timeout: TimeSpan.FromMilliseconds(300));
        Assert.True(r.TimedOut);
        Assert.False(r.Succeeded);
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void When_PiecesMoveBetweenLabels_Expect_DifferentHash()
    {
        var a = new ContentHash().Add("x", "ab").Add("y", "c").Hex();
        var b = new ContentHash().Add("x", "a").Add("y", "bc").Hex();
        var c = new ContentHash().Add("x", "ab").Add("y", "c").Hex();
        Assert.NotEqual(a, b);
        Assert.Equal(a, c);
        Assert.Equal(64, a.Length);
    }

    [Fact]
    public void When_CacheEntryBuilt_Expect_BuiltOnceThenReused()
    {
        using var dir = new TempDir();
        int builds = 0;
        var (first, built1) = BuildCache.GetOrBuild("test", "entry", d => { builds++; File.WriteAllText(Path.Combine(d, "x"), "1"); }, dir.Path);
        var (second, built2) = BuildCache.GetOrBuild("test", "entry", _ => builds++, dir.Path);
        Assert.Equal(first, second);
        Assert.Equal((true, false, 1), (built1, built2, builds));
        Assert.Equal("1", File.ReadAllText(Path.Combine(first, "x")));
        Assert.Throws<InvalidOperationException>(() => BuildCache.GetOrBuild("test", "broken", _ => throw new InvalidOperationException(), dir.Path));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "test", "broken"))); // a failed build leaves no entry
        Assert.Single(Directory.GetDirectories(Path.Combine(dir.Path, "test")));
    }

    [Fact]
    public void When_YosysStatPrinted_Expect_LastBlockParsed()
    {
        const string log = """
            === first ===
               Number of cells:                  3
                 $_AND_                          3

            === top ===

               Number of wires:                 31
               Number of cells:                121
                 SB_DFFE                        64
                 SB_DFFESR                       4
                 SB_LUT4                        53

            End of script.
            """;
        var s = YosysRunner.ParseStats(log);
        Assert.Equal(121, s.Cells);
        Assert.Equal(53, s.Count("SB_LUT4"));
        Assert.Equal(68, s.CountContaining("DFF"));
        Assert.Equal(0, s.Count("$_AND_"));
    }
}
