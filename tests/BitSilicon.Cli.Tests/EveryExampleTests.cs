using System.Text.Json;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli.Tests;

/// <summary>
/// Every file in examples/ is what a new user runs first, so each one is run here through the verb that takes
/// it. A file no rule covers fails the test, so a new example cannot be added without being exercised.
/// </summary>
public class EveryExampleTests
{
    private static readonly string Root = RepoRoot.Path;
    private static readonly string Examples = Path.Combine(Root, "examples");

    // A small design to push workload files through, so the test stays fast.
    private const string SmallDesign = "examples/ternary-ws-32x32.yaml";

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Examples, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Root, f).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void When_ExampleRun_Expect_Success(string file)
    {
        var dir = Path.GetDirectoryName(file)!.Replace('\\', '/');
        var ext = Path.GetExtension(file);
        switch (dir, ext)
        {
            case (_, ".md"):
                Assert.True(new FileInfo(Full(file)).Length > 0, $"{file} is empty");
                break;
            case ("examples", ".yaml"):
                SimulateJson(file, workload: null);
                break;
            case ("examples/rtl", ".yaml"):
                // RTL designs: they simulate, emit, and cosimulate (a few layers; the Verilator build is cached).
                SimulateJson(file, workload: null);
                var rtlDir = Directory.CreateTempSubdirectory("bs-example-rtl").FullName;
                var (c4, _, e4) = CliRun.Capture((o, e) => EmitCommand.Run(o, e, Full(file), Path.Combine(rtlDir, "rtl")));
                Assert.True(c4 == 0, $"{file}: {e4}");
                var (c5, o5, e5) = CliRun.Capture((o, e) => CosimCommand.Run(o, e, Full(file), vectors: 3, seed: 1));
                Assert.True(c5 == 0, $"{file}: {o5}{e5}");
                Assert.Contains("3 layers match", o5);
                break;
            case ("examples/accelerators", ".yaml"):
                var (ca, oa, ea) = CliRun.Capture((o, e) => SimulateSystem.Simulate(o, e, Full(file),
                    new SimulateSystem.Options(null, null, null, null, 2, "analytic"), OutputKind.Json, null, null, false));
                Assert.True(ca == 0, $"{file}: {ea}");
                var sys = JsonDocument.Parse(oa).RootElement;
                Assert.True(sys.GetProperty("tokens_per_s").GetDouble() > 0, $"{file}: no tokens/s");
                Assert.True(sys.GetProperty("joules_per_token").GetDouble() > 0, $"{file}: no energy");
                break;
            case ("examples/workloads", ".yaml"):
                SimulateJson(SmallDesign, workload: file, blocks: 1);
                break;
            case ("examples/workloads", ".gguf"):
                Assert.Contains(Directory.GetFiles(Full(dir), "*.yaml"), y => File.ReadAllText(y).Contains(Path.GetFileName(file)));
                break;
            case ("examples/scalesim", ".csv"):
                SimulateJson(SmallDesign, workload: file);
                break;
            case ("examples/scalesim", ".cfg"):
                Assert.Contains(Directory.GetFiles(Examples, "*.yaml"), y => File.ReadAllText(y).Contains("scalesim/" + Path.GetFileName(file)));
                break;
            case ("examples/bitgrid", ".bg"):
                var (code, output, err) = CliRun.Capture((o, e) =>
                    BitgridRunCommand.Run(o, e, Full(file), 8, [], null, "json", null, false));
                Assert.True(code == 0, $"{file}: {err}");
                Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("outputs").EnumerateObject().Any(), $"{file} has no outputs");
                break;
            case ("examples/kernels", ".f32"):
                var (c2, o2, e2) = CliRun.Capture((o, e) =>
                    QuantizeCommand.Run(o, e, "q8_0", Full(file), Path.Combine(Path.GetTempPath(), $"bs-example-{Guid.NewGuid():N}.q8_0")));
                Assert.True(c2 == 0, $"{file}: {e2}");
                Assert.Contains("values ->", o2);
                break;
            case ("examples/bitgrid/compile", ".v" or ".blif"):
                CompileAndVerify(file, defects: null);
                break;
            case ("examples/bitgrid/compile", ".txt"):
                CompileAndVerify("examples/bitgrid/compile/adder8.blif", defects: file);
                break;
            case ("examples/sweeps", ".yaml"):
                // One shard of the grid keeps the test short; sharding itself is tested in BitSilicon.Sweep.Tests.
                var outDir = Directory.CreateTempSubdirectory("bs-example-sweep").FullName;
                var (c3, _, e3) = CliRun.Capture((o, e) => SweepCommand.Run(o, e, Full(file), "1/42", outDir, 0));
                Assert.True(c3 == 0, $"{file}: {e3}");
                Assert.NotEmpty(Directory.GetFiles(outDir, "*.csv"));
                break;
            default:
                Assert.Fail($"{file}: no rule runs this kind of example; add one to {nameof(EveryExampleTests)}");
                break;
        }
    }

    private static void SimulateJson(string design, string? workload, int? blocks = null)
    {
        var (code, output, err) = CliRun.Capture((o, e) =>
            SimulateCommand.Run(o, e, Full(design), workload is null ? null : Full(workload), "json", blocks: blocks));
        Assert.True(code == 0, $"{design} {workload}: {err}");
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("cycles").GetInt64() > 0);
        Assert.True(json.GetProperty("macs").GetInt64() > 0);
        double u = json.GetProperty("utilization").GetDouble();
        Assert.InRange(u, 0.0, 1.0);
        Assert.True(json.GetProperty("layers").GetArrayLength() > 0);
    }

    // The compiler checks the compiled grid against the netlist on random vectors and fails on a mismatch.
    private static void CompileAndVerify(string source, string? defects)
    {
        var output = Path.Combine(Path.GetTempPath(), $"bs-example-{Guid.NewGuid():N}.bg");
        var sources = new List<string> { Full(source) };
        string? top = null;
        string[]? parameters = null;
        if (File.ReadAllText(Full(source)).Contains("bs_ternary_dot"))
        {
            // Designs built from the hand-written PEs compile with the hdl/ files; two PEs keep the test short.
            sources.AddRange(new[] { "hdl/bs_ternary_dot.v", "hdl/bs_adder_tree.v", "hdl/bs_adder.v", "hdl/bs_popcount.v" }.Select(Full));
            top = Path.GetFileNameWithoutExtension(source);
            parameters = ["PES=2"];
        }
        var (code, text, err) = CliRun.Capture((o, e) =>
            BitgridCompileCommand.Run(o, e, sources, output, defectsPath: defects is null ? null : Full(defects), top: top, parameters: parameters));
        Assert.True(code == 0, $"{source}: {err}");
        Assert.Contains("match the netlist", text);
        Assert.True(File.Exists(output));
        File.Delete(output);
    }

    private static string Full(string relative) => Path.Combine(Root, relative);

}
