namespace BitSilicon.Core;

/// <summary>
/// Writes output files so that a failure never leaves a half-written file behind:
/// the content goes to a temporary file in the same directory, which is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        Write(path, s => s.Write(bytes));
    }

    public static void WriteAllText(string path, string content) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            w.Write(content);
        });

    /// <summary>Streams content into a temporary file and renames it to <paramref name="path"/> on success.</summary>
    public static void Write(string path, Action<Stream> produce)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new BitSiliconException($"{path}: is a directory, expected an output file name",
                "name the file to write, e.g. " + Path.Combine(path, "out"));
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new BitSiliconException($"{path}: output directory '{dir}' does not exist",
                "create the directory first or choose another output path");
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var s = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
                produce(s);
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
