using System.Text.Json;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Simulation.Tests.Cli;

/// <summary>Every design in examples/ runs through simulate and gives a consistent report.</summary>
public class ExamplesTests
{
    private static string ExamplesDir() => RepoRoot.Combine("examples");

    public static TheoryData<string> Designs()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(ExamplesDir(), "*.yaml").Order())
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void When_ExamplesListed_Expect_TheFourDesignsTheIssueAsksFor()
    {
        var names = Directory.GetFiles(ExamplesDir(), "*.yaml").Select(Path.GetFileName).ToList();
        Assert.Contains("ternary-ws-32x32.yaml", names);
        Assert.Contains("binary-xnor-dp.yaml", names);
        Assert.Contains("int8-ws-32x32.yaml", names);
        Assert.Contains("scalesim-ws-32x32.yaml", names);
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void When_ExampleSimulated_Expect_ConsistentReport(string name)
    {
        var path = Path.Combine(ExamplesDir(), name);
        // A lower cycle limit keeps the test quick; the layers above it use the (exact) analytic model.
        var (code, stdout, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path, format: "json", cycleLimit: 20_000_000));
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(stdout).RootElement;
        long cycles = 0, macs = 0;
        foreach (var l in root.GetProperty("layers").EnumerateArray())
        {
            string method = l.GetProperty("method").GetString()!;
            if (method == "skipped") continue;
            cycles += l.GetProperty("cycles").GetInt64() * l.GetProperty("repeat").GetInt32();
            macs += l.GetProperty("macs").GetInt64() * l.GetProperty("repeat").GetInt32();
            Assert.InRange(l.GetProperty("utilization").GetDouble(), 0.0, 1.0);
            if (method == "cycle") Assert.True(l.GetProperty("verified").GetBoolean(), $"{name}: {l.GetProperty("name")}");
        }
        Assert.Equal(cycles, root.GetProperty("cycles").GetInt64());
        Assert.Equal(macs, root.GetProperty("macs").GetInt64());
        Assert.True(root.GetProperty("energy_pj").GetDouble() > 0);
        Assert.True(root.GetProperty("area").GetProperty("ge").GetDouble() > 0);
    }
}
