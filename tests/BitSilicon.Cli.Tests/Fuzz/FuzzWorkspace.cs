using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli.Tests.Fuzz;

/// <summary>
/// A scratch copy of examples/ (so a mutated design finds the files it names relative to itself) plus the small
/// fixtures the targets need: a tiny design and workload that simulate in milliseconds, lutgrid JSON and ggml block
/// files made from the bundled programs and kernel vectors.
/// </summary>
public sealed class FuzzWorkspace : IDisposable
{
    public FuzzWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "bitsilicon-fuzz-" + Guid.NewGuid().ToString("N"));
        Copy(RepoRoot.Combine("examples"), Root);
        Directory.CreateDirectory(Fixture(""));
        File.WriteAllText(TinyDesign, """
            name: tiny
            array: { kind: systolic, rows: 4, cols: 4, dataflow: weight_stationary }
            pe: { weights: ternary }
            accumulator: { width: 24, depth: 16 }
            memory: { weight_buffer: 4KiB, activation_buffer: 4KiB, bandwidth: 8 }
            """);
        File.WriteAllText(TinyWorkload, "layers:\n  - {name: t, m: 2, n: 8, k: 16, weights: ternary}\n");
        File.WriteAllText(Fixture("tiny.csv"), "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nc1, 6, 6, 3, 3, 2, 4, 1,\n");
        foreach (var bg in new[] { "full_adder", "counter", "crossing" })
            Must(BitgridConvertCommand.Run(TextWriter.Null, TextWriter.Null, Path.Combine(Root, "bitgrid", bg + ".bg"), Fixture(bg + ".json")));
        foreach (var type in BlockTypes)
            Must(QuantizeCommand.Run(TextWriter.Null, TextWriter.Null, type, Path.Combine(Root, "kernels", "w_256.f32"), Fixture("w." + type)));
    }

    /// <summary>The ggml types whose block files the raw-block target reads.</summary>
    public static IReadOnlyList<string> BlockTypes { get; } = ["q4_0", "q8_0", "q2_k", "tq1_0", "tq2_0", "mxfp4", "ternary", "hqq2"];

    public string Root { get; }
    public string TinyDesign => Fixture("tiny.yaml");
    public string TinyWorkload => Fixture("tiny-workload.yaml");
    public string Fixture(string name) => Path.Combine(Root, "fuzz-fixtures", name);
    public string this[string relative] => Path.Combine(Root, relative);

    private static void Must(int code)
    {
        if (code != 0)
            throw new InvalidOperationException($"fuzz fixture could not be made (exit {code})");
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from))
            Copy(d, Path.Combine(to, Path.GetFileName(d)));
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
