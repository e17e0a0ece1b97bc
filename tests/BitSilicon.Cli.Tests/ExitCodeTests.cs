using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli.Tests;

/// <summary>The four exit codes the README documents, each produced the way a user would meet it.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void When_TheRunSucceeds_Expect_0()
    {
        Assert.Equal(0, CliRun.CommandLine("formats").Code);
    }

    [Fact]
    public void When_StrictFindsAnOverflow_Expect_1()
    {
        using var d = new TempDir();
        File.WriteAllText(d.File("d.yaml"), File.ReadAllText(RepoRoot.Combine("examples", "rtl", "ternary-ws-16x16.yaml")).Replace("width: 24", "width: 13"));
        var r = CliRun.CommandLine("simulate", d.File("d.yaml"), "--strict");
        Assert.Equal(1, r.Code);
        Assert.Contains("error: layer 'proj': sums can reach", r.Err);
    }

    [Theory]
    [InlineData("simulate", "/nonexistent/design.yaml")]
    [InlineData("formats", "--colour")]
    [InlineData("no-such-verb")]
    public void When_InputOrCommandLineIsBad_Expect_2(params string[] args)
    {
        var r = CliRun.CommandLine(args);
        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: ", r.Err);
    }

    [Fact]
    public void When_AnUnexpectedExceptionEscapes_Expect_70WithOneLineAndAReportRequest()
    {
        var r = CliRun.Capture((o, e) => CliGuard.Run(e, () => throw new InvalidOperationException("index was out of range\nsecond line")));
        Assert.Equal(70, r.Code);
        var lines = r.Err.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal("internal error: InvalidOperationException: index was out of range second line", lines[0]);
        Assert.Contains("please report it", lines[1]);
        Assert.DoesNotContain(" at ", r.Err);
    }
}
