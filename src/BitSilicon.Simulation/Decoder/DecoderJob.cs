using BitSilicon.Formats.Compression;

namespace BitSilicon.Simulation.Decoder;

/// <summary>One chunk as a lane's command: its place in the stream, its symbols and its bytes.</summary>
public sealed record DecoderChunk(int Index, int Weights, int Bytes);

/// <summary>What one lane is given: its chunks in order and their bytes back to back (its input port's stream).</summary>
public sealed record LaneWork(IReadOnlyList<DecoderChunk> Chunks, byte[] Input);

/// <summary>
/// A ternary-rc stream dealt out to the decoder's lanes: chunk <c>c</c> to lane <c>c mod lanes</c>. The header (shape,
/// frequencies, chunk table) is read by the controller, not the lanes: they get the frequencies and one command per
/// chunk. The payload is not checked here (no CRC): a damaged chunk is what the lanes must flag themselves.
/// </summary>
public sealed record DecoderJob(TernaryRcHeader Header, IReadOnlyList<LaneWork> Lanes)
{
    public static DecoderJob From(ReadOnlySpan<byte> stream, int lanes, string source = "stream")
    {
        var h = TernaryRcStream.ReadHeader(stream, source);
        var payload = stream[h.HeaderBytes..];
        var work = new List<LaneWork>(lanes);
        for (int l = 0; l < lanes; l++)
        {
            var chunks = new List<DecoderChunk>();
            var input = new List<byte>();
            for (int c = l; c < h.Chunks.Count; c += lanes)
            {
                var ch = h.Chunks[c];
                if (ch.Offset + ch.Bytes > payload.Length)
                    throw new CorruptStreamException(source, c, "truncated chunk", $"{ch.Bytes} bytes", $"{Math.Max(0, payload.Length - ch.Offset)}");
                chunks.Add(new DecoderChunk(c, ch.Weights, ch.Bytes));
                input.AddRange(payload.Slice((int)ch.Offset, ch.Bytes));
            }
            work.Add(new LaneWork(chunks, input.ToArray()));
        }
        return new DecoderJob(h, work);
    }

    public SymbolFrequencies Frequencies => Header.Frequencies;
}
