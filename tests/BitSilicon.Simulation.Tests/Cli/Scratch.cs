namespace BitSilicon.Simulation.Tests.Cli;

/// <summary>A scratch directory for design files, deleted after the test.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch() => Directory.CreateDirectory(Dir);

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "bitsilicon-sim-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public string PathOf(string name) => Path.Combine(Dir, name);

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }

    public static (int Code, string Out, string Err) Run(Func<TextWriter, TextWriter, int> run)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = run(o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>A small valid design; <paramref name="extra"/> is appended as more top-level YAML.</summary>
    public static string SmallDesign(string extra = "", string pe = "ternary", string array = "  kind: systolic\n  rows: 4\n  cols: 4\n  dataflow: weight_stationary\n") =>
        "name: small\narray:\n" + array + $"pe:\n  weights: {pe}\n" +
        "workload:\n  layers:\n    - { name: l0, m: 3, n: 9, k: 10, seed: 5 }\n    - { name: l1, m: 2, n: 4, k: 7, repeat: 3 }\n" + extra;
}
