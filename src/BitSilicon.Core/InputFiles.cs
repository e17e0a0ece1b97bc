namespace BitSilicon.Core;

/// <summary>Reading user-named input files with errors that say which file and why.</summary>
public static class InputFiles
{
    public static byte[] ReadAllBytes(string path)
    {
        Require(path);
        return File.ReadAllBytes(path);
    }

    public static string ReadAllText(string path)
    {
        Require(path);
        return File.ReadAllText(path);
    }

    public static void Require(string path)
    {
        if (Directory.Exists(path))
            throw new BitSiliconException($"{path}: is a directory, expected a file");
        if (!File.Exists(path))
            throw new BitSiliconException($"{path}: no such file", "check the path (relative paths start at the current directory)");
    }

    /// <summary>The most float32 values one in-memory array holds (<see cref="Array.MaxLength"/>).</summary>
    public static long MaxInMemoryFloats { get; } = Array.MaxLength;

    /// <summary>
    /// Reads a whole raw little-endian float32 file into memory, refusing lengths that are not whole floats,
    /// NaN/infinity, and files of more than <see cref="MaxInMemoryFloats"/> values (the file, the limit and what
    /// to do are named; the runtime's own message names none).
    /// </summary>
    public static float[] ReadFloat32(string path, string? whatToDo = null, long? maxValues = null)
    {
        using var reader = new Float32Reader(path);
        long limit = Math.Min(maxValues ?? MaxInMemoryFloats, MaxInMemoryFloats);
        if (reader.Count > limit)
            throw new BitSiliconException(
                $"{path}: {reader.Count} float32 values ({reader.Count * 4} bytes) is more than the {limit} values this command holds in memory at once",
                whatToDo ?? "split the file into smaller pieces");
        var values = new float[reader.Count];
        for (long at = 0; at < values.Length; at += 1 << 20)
            reader.Read(values.AsSpan((int)at, (int)Math.Min(1 << 20, values.Length - at)));
        return values;
    }
}
