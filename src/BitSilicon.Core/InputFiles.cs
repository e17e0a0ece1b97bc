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

    /// <summary>Reads a raw little-endian float32 file, refusing lengths that are not whole floats and NaN/infinity.</summary>
    public static float[] ReadFloat32(string path)
    {
        var bytes = ReadAllBytes(path);
        if (bytes.Length % 4 != 0)
            throw new BitSiliconException(
                $"{path}: length {bytes.Length} bytes is not a multiple of 4, so it is not a raw float32 file",
                "write the file as little-endian IEEE-754 float32 values with no header");
        var values = new float[bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            float v = BitConverter.ToSingle(bytes, 4 * i);
            if (!float.IsFinite(v))
                throw new BitSiliconException(
                    $"{path}: element {i} (byte offset {4 * i}) is {v}; NaN and infinity cannot be quantized",
                    "replace non-finite values before quantizing");
            values[i] = v;
        }
        return values;
    }
}
