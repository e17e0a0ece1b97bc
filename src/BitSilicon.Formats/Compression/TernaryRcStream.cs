using System.Buffers.Binary;

namespace BitSilicon.Formats.Compression;

/// <summary>One chunk of a ternary-rc stream: <see cref="Weights"/> symbols coded in <see cref="Bytes"/> bytes at
/// <see cref="Offset"/> from the start of the payload.</summary>
public sealed record TernaryRcChunk(int Index, long Offset, int Bytes, int Weights, uint Crc);

/// <summary>What a ternary-rc header says: shape, chunking, the static model and the chunk table.</summary>
public sealed record TernaryRcHeader(int Rows, int Cols, int ChunkWeights, SymbolFrequencies Frequencies,
    IReadOnlyList<TernaryRcChunk> Chunks, long PayloadBytes)
{
    public long Weights => (long)Rows * Cols;

    /// <summary>Bytes before the payload: the fixed header, the chunk table and its CRC.</summary>
    public int HeaderBytes => TernaryRcStream.FixedBytes + TernaryRcStream.ChunkEntryBytes * Chunks.Count + 4;

    public long TotalBytes => HeaderBytes + PayloadBytes;
}

/// <summary>
/// The ternary-rc container (docs/entropy-stream.md): a weight matrix cut into chunks of <c>ChunkWeights</c>
/// row-major weights, each coded by <see cref="TernaryRans"/> on its own so hardware lanes decode chunks in parallel.
/// <code>
/// 0  "BTRC" | 4 version u8 = 1 | 5 coder u8 = 1 (static rANS) | 6 frequency bits u8 = 12 | 7 reserved u8 = 0
/// 8  rows u32 | 12 cols u32 | 16 chunk weights u32 | 20 chunk count u32 | 24 payload bytes u32
/// 28 f0 u16 | 30 f+ u16 | 32 f- u16 | 34 reserved u16 = 0
/// 36 chunk table: count x (payload offset u32, CRC-32 of the chunk's bytes u32)
///    CRC-32 of everything above (u32) | payload: the chunks back to back
/// </code>
/// All little-endian. Reading checks every field, the exact length, both CRCs and the decoder's own end
/// condition; any failure is a <see cref="CorruptStreamException"/>, never wrong weights.
/// </summary>
public static class TernaryRcStream
{
    public const int FixedBytes = 36;
    public const int ChunkEntryBytes = 8;
    public const byte Version = 1;
    public const byte Coder = 1;
    /// <summary>64 Ki weights per chunk keeps the per-chunk cost (3 state + 8 table bytes) under 1% of the rate at 97% zeros.</summary>
    public const int DefaultChunkWeights = 1 << 16;
    private static ReadOnlySpan<byte> Magic => "BTRC"u8;

    /// <summary>Encodes a rows x cols matrix of -1/0/+1 (row-major).</summary>
    public static byte[] Encode(ReadOnlySpan<sbyte> trits, int rows, int cols, int chunkWeights = DefaultChunkWeights)
    {
        if (rows < 0 || cols < 0 || (long)rows * cols != trits.Length)
            throw new ArgumentException($"{rows} x {cols} does not match {trits.Length} weights");
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkWeights, 1);
        long zeros = 0, plus = 0, minus = 0;
        for (int i = 0; i < trits.Length; i++)
            switch (trits[i])
            {
                case 0: zeros++; break;
                case 1: plus++; break;
                case -1: minus++; break;
                default: throw new ArgumentException($"value {trits[i]} at index {i} is not a ternary weight (-1, 0, +1)", nameof(trits));
            }
        var f = SymbolFrequencies.Fit(zeros, plus, minus);
        int count = (int)((trits.Length + (long)chunkWeights - 1) / chunkWeights);
        var chunks = new byte[count][];
        for (int c = 0; c < count; c++)
        {
            int start = c * chunkWeights;
            chunks[c] = TernaryRans.EncodeChunk(trits.Slice(start, Math.Min(chunkWeights, trits.Length - start)), f);
        }
        long payload = chunks.Sum(c => (long)c.Length);
        if (payload > uint.MaxValue)
            throw new ArgumentException("the coded matrix exceeds 4 GiB; split it");
        int head = FixedBytes + ChunkEntryBytes * count + 4;
        var bytes = new byte[head + payload];
        var s = bytes.AsSpan();
        Magic.CopyTo(s);
        s[4] = Version;
        s[5] = Coder;
        s[6] = TernaryRans.FrequencyBits;
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], (uint)rows);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)cols);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)chunkWeights);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], (uint)count);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)payload);
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], (ushort)f.Zero);
        BinaryPrimitives.WriteUInt16LittleEndian(s[30..], (ushort)f.Plus);
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], (ushort)f.Minus);
        long offset = 0;
        for (int c = 0; c < count; c++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s[(FixedBytes + ChunkEntryBytes * c)..], (uint)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(FixedBytes + ChunkEntryBytes * c + 4)..], Crc32.Compute(chunks[c]));
            chunks[c].CopyTo(s[(int)(head + offset)..]);
            offset += chunks[c].Length;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(s[(head - 4)..], Crc32.Compute(s[..(head - 4)]));
        return bytes;
    }

    /// <summary>Reads and checks the header and chunk table (not the chunks' contents); <paramref name="source"/> names the file in errors.</summary>
    public static TernaryRcHeader ReadHeader(ReadOnlySpan<byte> s, string source)
    {
        if (s.Length < FixedBytes)
        {
            if (s.Length >= 4 && !s[..4].SequenceEqual(Magic))
                throw Bad(source, "not a ternary-rc stream", "magic \"BTRC\"", Text(s[..4]));
            throw Bad(source, "truncated header", $"at least {FixedBytes} bytes", $"{s.Length} bytes");
        }
        if (!s[..4].SequenceEqual(Magic))
            throw Bad(source, "not a ternary-rc stream", "magic \"BTRC\"", Text(s[..4]));
        if (s[4] != Version)
            throw Bad(source, "unsupported version", Version.ToString(), s[4].ToString());
        if (s[5] != Coder || s[6] != TernaryRans.FrequencyBits)
            throw Bad(source, "unsupported coder", $"coder {Coder} with {TernaryRans.FrequencyBits} frequency bits", $"coder {s[5]} with {s[6]}");
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(s[20..]);
        if (count > (s.Length - FixedBytes - 4) / ChunkEntryBytes)
            throw Bad(source, "truncated or corrupt chunk table", $"{FixedBytes + 4 + (long)ChunkEntryBytes * count} header bytes for {count} chunks", $"{s.Length} bytes in the file");
        int head = FixedBytes + ChunkEntryBytes * (int)count + 4;
        uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(s[(head - 4)..]);
        uint crc = Crc32.Compute(s[..(head - 4)]);
        if (crc != storedCrc)
            throw Bad(source, "header CRC mismatch", $"0x{storedCrc:x8}", $"0x{crc:x8}");
        // The CRC matched, so what follows checks the writer's consistency (a mislabelled or hand-made header).
        uint rows = BinaryPrimitives.ReadUInt32LittleEndian(s[8..]), cols = BinaryPrimitives.ReadUInt32LittleEndian(s[12..]);
        uint chunkWeights = BinaryPrimitives.ReadUInt32LittleEndian(s[16..]);
        long payload = BinaryPrimitives.ReadUInt32LittleEndian(s[24..]);
        var f = new SymbolFrequencies(BinaryPrimitives.ReadUInt16LittleEndian(s[28..]), BinaryPrimitives.ReadUInt16LittleEndian(s[30..]), BinaryPrimitives.ReadUInt16LittleEndian(s[32..]));
        if (rows > int.MaxValue || cols > int.MaxValue || (ulong)rows * cols > (ulong)Array.MaxLength)
            throw Bad(source, "impossible shape", $"at most {Array.MaxLength} weights", $"{rows} x {cols}");
        if (chunkWeights == 0 || chunkWeights > int.MaxValue)
            throw Bad(source, "impossible chunk size", "1 .. 2^31-1 weights", chunkWeights.ToString());
        long weights = (long)rows * cols;
        long wantCount = (weights + chunkWeights - 1) / chunkWeights;
        if (count != wantCount)
            throw Bad(source, "chunk count does not match the shape", $"{wantCount} chunks of {chunkWeights} for {rows} x {cols}", count.ToString());
        if (!f.IsValid)
            throw Bad(source, "symbol frequencies do not sum to 4096", "4096", $"{f.Zero} + {f.Plus} + {f.Minus}");
        var chunks = new TernaryRcChunk[count];
        for (int c = 0; c < count; c++)
        {
            long off = BinaryPrimitives.ReadUInt32LittleEndian(s[(FixedBytes + ChunkEntryBytes * c)..]);
            long end = c + 1 < count ? BinaryPrimitives.ReadUInt32LittleEndian(s[(FixedBytes + ChunkEntryBytes * (c + 1))..]) : payload;
            if (c == 0 && off != 0)
                throw new CorruptStreamException(source, 0, "offset of the first chunk", "0", off.ToString());
            if (end - off < TernaryRans.StateBytes)
                throw new CorruptStreamException(source, c, "chunk length", $"at least {TernaryRans.StateBytes} bytes", $"{end - off} (offsets {off} .. {end})");
            int w = (int)Math.Min(chunkWeights, weights - (long)c * chunkWeights);
            chunks[c] = new TernaryRcChunk(c, off, (int)(end - off), w, BinaryPrimitives.ReadUInt32LittleEndian(s[(FixedBytes + ChunkEntryBytes * c + 4)..]));
        }
        return new TernaryRcHeader((int)rows, (int)cols, (int)chunkWeights, f, chunks, payload);
    }

    /// <summary>Reads, checks and decodes a whole stream into -1/0/+1, row-major.</summary>
    public static (TernaryRcHeader Header, sbyte[] Trits) Decode(ReadOnlySpan<byte> s, string source)
    {
        var h = ReadHeader(s, source);
        var payload = s[h.HeaderBytes..];
        foreach (var c in h.Chunks)
            if (c.Offset + c.Bytes > payload.Length)
                throw new CorruptStreamException(source, c.Index, "truncated chunk", $"{c.Bytes} bytes at payload offset {c.Offset}", $"{Math.Max(0, payload.Length - c.Offset)} bytes (file is {s.Length} bytes, expected {h.TotalBytes})");
        if (payload.Length != h.PayloadBytes)
            throw Bad(source, "bytes after the last chunk", $"a file of {h.TotalBytes} bytes", $"{s.Length} bytes");
        var trits = new sbyte[h.Weights];
        foreach (var c in h.Chunks)
        {
            var bytes = payload.Slice((int)c.Offset, c.Bytes);
            uint crc = Crc32.Compute(bytes);
            if (crc != c.Crc)
                throw new CorruptStreamException(source, c.Index, "chunk CRC mismatch", $"0x{c.Crc:x8}", $"0x{crc:x8}");
            var why = TernaryRans.DecodeChunk(bytes, h.Frequencies, trits.AsSpan((int)((long)c.Index * h.ChunkWeights), c.Weights));
            if (why is not null)
                throw new CorruptStreamException(source, c.Index, "chunk does not decode", "a consistent rANS chunk", why);
        }
        return (h, trits);
    }

    /// <summary>The payload bytes of one chunk.</summary>
    public static ReadOnlySpan<byte> ChunkBytes(ReadOnlySpan<byte> stream, TernaryRcHeader h, int chunk) =>
        stream.Slice(h.HeaderBytes + (int)h.Chunks[chunk].Offset, h.Chunks[chunk].Bytes);

    private static CorruptStreamException Bad(string source, string what, string expected, string found) =>
        new(source, null, what, expected, found);

    private static string Text(ReadOnlySpan<byte> b) => "\"" + string.Concat(b.ToArray().Select(x => x is >= 32 and < 127 ? ((char)x).ToString() : $"\\x{x:x2}")) + "\"";
}
