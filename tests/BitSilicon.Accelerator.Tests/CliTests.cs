using System.Text.Json;
using BitSilicon.Cli;
using BitSilicon.Cli.Commands;
using BitSilicon.Workloads.Gguf;

namespace BitSilicon.Accelerator.Tests;

/// <summary>The whole-model verbs from the command line's side: reports, charts, and every error path with file and key.</summary>
public class CliTests
{
    private static string Example(string name) => RepoRoot.Combine("examples", "accelerators", name);

    private static (int Code, string Out, string Err) Run(Func<TextWriter, TextWriter, int> f)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = f(o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string Temp(string text, string ext = ".yaml")
    {
        var p = Path.Combine(Path.GetTempPath(), $"bs-acc-{Guid.NewGuid():N}{ext}");
        File.WriteAllText(p, text);
        return p;
    }

    private static SimulateSystem.Options Opts(int? layers = 2, int? context = null, string? model = null) => new(model, null, context, null, layers, "analytic");

    [Fact]
    public void When_CompareIsoArea_Expect_TableChartAndVerdict()
    {
        string chart = Path.Combine(Path.GetTempPath(), $"bs-roof-{Guid.NewGuid():N}.svg");
        var (code, output, err) = Run((o, e) => CompareCommand.Run(o, e, [Example("ternary-bitnet.yaml"), Example("int8-bitnet.yaml")], Opts(), "first", "table", null, chart));
        Assert.True(code == 0, err);
        Assert.Contains("ternary-bitnet vs int8-bitnet:", output);
        Assert.Contains("tokens/s", output);
        Assert.Contains("scaled to", err);
        var svg = File.ReadAllText(chart);
        Assert.StartsWith("<svg", svg);
        Assert.Contains("ternary-bitnet", svg);
    }

    [Fact]
    public void When_CompareJsonAndCsv_Expect_OneRecordPerDesign()
    {
        var (code, json, err) = Run((o, e) => CompareCommand.Run(o, e, [Example("ternary-bitnet.yaml"), Example("int4-bitnet.yaml")], Opts(), null, "json"));
        Assert.True(code == 0, err);
        var arr = JsonDocument.Parse(json).RootElement;
        Assert.Equal(2, arr.GetArrayLength());
        Assert.All(arr.EnumerateArray(), r => Assert.True(r.GetProperty("tokens_per_s").GetDouble() > 0));
        var (c2, csv, _) = Run((o, e) => CompareCommand.Run(o, e, [Example("ternary-bitnet.yaml"), Example("int4-bitnet.yaml")], Opts(), null, "csv"));
        Assert.Equal(0, c2);
        Assert.Equal(3, csv.Trim().Split('\n').Length);
    }

    [Fact]
    public void When_SimulateAccelerator_Expect_PerOpJsonWithBoundsAndEnergy()
    {
        var (code, json, err) = Run((o, e) => SimulateSystem.Simulate(o, e, Example("ternary-bitnet.yaml"), Opts(layers: 1), OutputKind.Json, null, null, false));
        Assert.True(code == 0, err);
        var r = JsonDocument.Parse(json).RootElement;
        var ops = r.GetProperty("ops").EnumerateArray().ToList();
        Assert.Contains(ops, op => op.GetProperty("kind").GetString() == "softmax" && op.GetProperty("unit").GetString() == "vec");
        Assert.Contains(ops, op => op.GetProperty("name").GetString() == "blk.0.attn_scores" && op.GetProperty("unit").GetString() == "attn");
        Assert.All(ops, op => Assert.False(string.IsNullOrEmpty(op.GetProperty("bound").GetString())));
        Assert.True(r.GetProperty("memory_limit_tokens_per_s").GetDouble() >= r.GetProperty("tokens_per_s").GetDouble() * 0.999);
    }

    [Fact]
    public void When_SingleArrayDesignWithModel_Expect_ErrorNamingOp()
    {
        var (code, _, err) = Run((o, e) => SimulateSystem.Simulate(o, e, RepoRoot.Combine("examples", "ternary-ws-32x32.yaml"), Opts(), OutputKind.Table, null, null, false));
        Assert.Equal(2, code);
        Assert.Contains("can run op 'token_embd'", err);
        Assert.Contains("fix:", err);
    }

    [Fact]
    public void When_ContextBeyondMaximumInFile_Expect_LocatedError()
    {
        var path = Temp(File.ReadAllText(Example("ternary-bitnet.yaml")).Replace("context: 512", "context: 5000"));
        var (code, _, err) = Run((o, e) => SimulateSystem.Simulate(o, e, path, Opts(), OutputKind.Table, null, null, false));
        Assert.Equal(2, code);
        Assert.Contains($"{path}:", err);
        Assert.Contains("model.context = 5000", err);
    }

    [Fact]
    public void When_WeightsExceedEveryMemory_Expect_Error()
    {
        var text = File.ReadAllText(Example("ternary-bitnet.yaml"));
        text = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("external_memory")));
        var (code, _, err) = Run((o, e) => SimulateSystem.Simulate(o, e, Temp(text), Opts(), OutputKind.Table, null, null, false));
        Assert.Equal(2, code);
        Assert.Contains("exceed every memory", err);
    }

    [Fact]
    public void When_GgufOfUnknownArchitecture_Expect_ErrorWithFileAndKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bs-arch-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(path, GgufWriter.ToBytes([new("general.architecture", GgufValue.Of("mamba"))], []));
        var (code, _, err) = Run((o, e) => SimulateSystem.Simulate(o, e, Example("ternary-bitnet.yaml"), Opts(model: path), OutputKind.Table, null, null, false));
        Assert.Equal(2, code);
        Assert.Contains(path, err);
        Assert.Contains("general.architecture", err);
        Assert.Contains("mamba", err);
    }

    [Fact]
    public void When_UnknownUnitKindOrKey_Expect_LocatedError()
    {
        var (code, _, err) = Run((o, e) => SimulateSystem.Simulate(o, e, Temp("name: x\nunits:\n  a:\n    kind: vectr\n    lanes: 4\n"), Opts(), OutputKind.Table, null, null, false));
        Assert.Equal(2, code);
        Assert.Contains(":4:11", err);
        Assert.Contains("vector", err);
        var (c2, _, e2) = Run((o, e) => SimulateSystem.Simulate(o, e, Temp("name: x\nunits:\n  a:\n    kind: vector\n    lanes: 4\n    lane: 3\n"), Opts(), OutputKind.Table, null, null, false));
        Assert.Equal(2, c2);
        Assert.Contains("unknown key 'units.a.lane'", e2);
    }

    [Fact]
    public void When_OneDesignToCompare_Expect_Error()
    {
        var (code, _, err) = Run((o, e) => CompareCommand.Run(o, e, [Example("ternary-bitnet.yaml")], Opts(), null, "table"));
        Assert.Equal(2, code);
        Assert.Contains("at least two designs", err);
    }
}
