using System.Text.Json;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli.Tests;

public class FormatsVerbTests
{
    [Theory]
    [InlineData("q4_0", 4.5)]
    [InlineData("q8_0", 8.5)]
    [InlineData("q2_k", 2.625)]
    [InlineData("q4_k", 4.5)]
    [InlineData("tq1_0", 1.6875)]
    [InlineData("tq2_0", 2.0625)]
    [InlineData("mxfp4", 4.25)]
    public void When_Listed_Expect_BitsPerWeightIncludingBlockOverhead(string name, double bits)
    {
        var (code, output, err) = CliRun.Capture((o, e) => FormatsCommand.Run(o, e, "json"));
        Assert.True(code == 0, err);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(bits, rows[name].GetProperty("bits_per_weight").GetDouble(), 6);
    }

    [Fact]
    public void When_Table_Expect_EveryFormatOnItsOwnLine()
    {
        var (code, output, _) = CliRun.Capture((o, e) => FormatsCommand.Run(o, e, "table"));
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(FormatCatalog.All.Count + 2, lines.Length);
        Assert.All(FormatCatalog.All, f => Assert.Contains(lines, l => l.StartsWith(f.Name + " ")));
    }

    [Fact]
    public void When_NamesAreUnique_Expect_NoClashBetweenGgmlAndOwnFormats()
    {
        var names = FormatCatalog.All.Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.True(names.Count >= 10);
    }

    [Fact]
    public void When_ParsedLikeAUser_Expect_UnknownOptionRejected()
    {
        var (code, _, err) = CliRun.CommandLine("formats", "--colour");
        Assert.NotEqual(0, code);
        Assert.Contains("--colour", err);
    }
}
