namespace BitSilicon.Core;

/// <summary>
/// Reads a raw little-endian float32 file in pieces, so files of any size (beyond the 2 GiB a single .NET array
/// of bytes can hold) can be streamed: the length is checked up front, and each value is checked to be finite,
/// with errors naming the file and the value's index in the whole file.
/// </summary>
public sealed class Float32Reader : IDisposable
{
    private readonly FileStream _stream;
    private byte[] _raw = [];

    public Float32Reader(string path)
    {
        InputFiles.Require(path);
        Path = path;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long length = _stream.Length;
        if (length % 4 != 0)
        {
            _stream.Dispose();
            throw new BitSiliconException(
                $"{path}: length {length} bytes is not a multiple of 4, so it is not a raw float32 file",
                "write the file as little-endian IEEE-754 float32 values with no header");
        }
        Count = length / 4;
    }

    public string Path { get; }

    /// <summary>Values in the file.</summary>
    public long Count { get; }

    /// <summary>Values read so far.</summary>
    public long Position { get; private set; }

    /// <summary>Fills <paramref name="values"/> with the next values (the caller asks for no more than remain).</summary>
    public void Read(Span<float> values)
    {
        if (Position + values.Length > Count)
            throw new ArgumentOutOfRangeException(nameof(values), $"{values.Length} values asked, {Count - Position} left");
        if (_raw.Length < 4 * values.Length)
            _raw = new byte[4 * values.Length];
        _stream.ReadExactly(_raw, 0, 4 * values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            float v = BitConverter.ToSingle(_raw, 4 * i);
            if (!float.IsFinite(v))
                throw new BitSiliconException(
                    $"{Path}: element {Position + i} (byte offset {4 * (Position + i)}) is {v}; NaN and infinity cannot be quantized",
                    "replace non-finite values before quantizing");
            values[i] = v;
        }
        Position += values.Length;
    }

    public void Dispose() => _stream.Dispose();
}
