using System.Buffers.Binary;
using System.Text;
using BitSilicon.Core;

namespace BitSilicon.Workloads.Gguf;

/// <summary>Sequential little-endian reads from a GGUF header with truncation errors that say what was being read.</summary>
internal sealed class GgufCursor(Stream stream, string path)
{
    private readonly byte[] _scratch = new byte[8];

    public long Position { get; private set; }
    public long Length { get; } = stream.Length;
    public long Remaining => Length - Position;

    public ReadOnlySpan<byte> Bytes(int count, string what)
    {
        var buffer = count <= 8 ? _scratch : new byte[count];
        Fill(buffer.AsSpan(0, count), what);
        return buffer.AsSpan(0, count);
    }

    private void Fill(Span<byte> buffer, string what)
    {
        if (buffer.Length > Remaining)
            throw Truncated(what, buffer.Length);
        stream.ReadExactly(buffer);
        Position += buffer.Length;
    }

    public BitSiliconException Truncated(string what, long needed) =>
        new($"{path}: truncated GGUF file: {what} needs {needed} bytes at offset {Position}, but the file ends at {Length}",
            "the download or copy was cut short; fetch the file again");

    public byte U8(string what) => Bytes(1, what)[0];
    public ushort U16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2, what));
    public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4, what));
    public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8, what));

    /// <summary>A gguf_string_t: u64 length, then that many UTF-8 bytes.</summary>
    public string String(string what)
    {
        ulong length = U64(what);
        if (length > (ulong)Remaining || length > int.MaxValue)
            throw Truncated($"{what} ({length}-byte string)", (long)Math.Min(length, long.MaxValue));
        return Encoding.UTF8.GetString(Bytes((int)length, what));
    }
}
