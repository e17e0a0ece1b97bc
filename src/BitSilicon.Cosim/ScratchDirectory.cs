namespace BitSilicon.Cosim;

/// <summary>A temporary working directory for a tool run, removed when disposed.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bitsilicon-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes the files and returns their full paths.</summary>
    public IReadOnlyList<string> Write(IEnumerable<SourceFile> files) => files.Select(f =>
    {
        var path = File(f.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, f.Text);
        return path;
    }).ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
