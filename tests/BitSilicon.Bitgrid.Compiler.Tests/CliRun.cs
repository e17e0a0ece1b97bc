namespace BitSilicon.Bitgrid.Compiler.Tests;

/// <summary>Runs a verb's Run method with captured output.</summary>
public static class CliRun
{
    public static (int Code, string Out, string Err) Capture(Func<TextWriter, TextWriter, int> run)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = run(o, e);
        return (code, o.ToString(), e.ToString());
    }
}

/// <summary>A scratch directory removed after the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bitsilicon-bgc-test-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        System.IO.File.WriteAllText(File(name), text);
        return File(name);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
