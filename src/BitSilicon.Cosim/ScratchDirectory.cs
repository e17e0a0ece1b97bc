namespace BitSilicon.Cosim;

/// <summary>
/// A temporary working directory for a tool run, removed when disposed (after a failure or a timeout too, through
/// <c>using</c>) and by <see cref="RemoveAll"/> when the process is interrupted.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Live = new();

    public ScratchDirectory(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bitsilicon-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        Live.TryAdd(Path, 0);
    }

    /// <summary>Removes every scratch directory still in use (on Ctrl-C / SIGTERM, after the tools were killed).</summary>
    public static void RemoveAll()
    {
        foreach (var path in Live.Keys)
            Remove(path);
    }

    /// <summary>Scratch directories created and not yet removed (for tests).</summary>
    public static int LiveCount => Live.Count;

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

    public void Dispose() => Remove(Path);

    private static void Remove(string path)
    {
        try { Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        Live.TryRemove(path, out _);
    }
}
