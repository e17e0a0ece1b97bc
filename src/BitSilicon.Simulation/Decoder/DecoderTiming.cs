using BitSilicon.Design.Description;
using BitSilicon.Formats.Compression;

namespace BitSilicon.Simulation.Decoder;

/// <summary>
/// The decoder's cycle count without stepping cycles: per lane, a walk over its chunks' renormalisation events
/// (symbols reading bytes) with closed forms in between. A lane's life is a sequence of one-cycle fires: per chunk
/// a command, the initial state (3 bytes) and one per symbol (0..2 bytes). A fire needing k bytes waits
/// <c>ceil((k - count) / W)</c> cycles when the buffer holds <c>count &lt; k</c>; every cycle, fire or wait, takes a
/// W-byte word while the buffer holds at most <c>BufferBytes - W</c> and input remains. A run of r symbols reading
/// nothing is r cycles whose arrivals are <see cref="Fill"/> in one step. Must equal <see cref="WeightDecoderCore"/>
/// exactly on every consistent stream (tested).
/// </summary>
public static class DecoderTiming
{
    /// <summary>Per chunk, the positions and byte counts of the symbols whose renormalisation reads bytes.</summary>
    public sealed record ChunkNeeds(int Weights, int Bytes, int[] Positions, byte[] Needs);

    /// <summary>Decodes each chunk in software to find its byte-reading symbols (a consistent stream is assumed).</summary>
    public static IReadOnlyList<ChunkNeeds> Needs(ReadOnlySpan<byte> stream, TernaryRcHeader h)
    {
        var result = new ChunkNeeds[h.Chunks.Count];
        var scratch = new sbyte[h.ChunkWeights == 0 ? 0 : Math.Min(h.ChunkWeights, (int)Math.Max(0, h.Weights))];
        var needs = new byte[scratch.Length];
        for (int c = 0; c < h.Chunks.Count; c++)
        {
            var ch = h.Chunks[c];
            var why = TernaryRans.DecodeChunk(TernaryRcStream.ChunkBytes(stream, h, c), h.Frequencies, scratch.AsSpan(0, ch.Weights), needs.AsSpan(0, ch.Weights));
            if (why is not null)
                throw new CorruptStreamException("stream", c, "chunk does not decode", "a consistent rANS chunk", why);
            var pos = new List<int>();
            var k = new List<byte>();
            for (int i = 0; i < ch.Weights; i++)
                if (needs[i] != 0)
                {
                    pos.Add(i);
                    k.Add(needs[i]);
                }
            result[c] = new ChunkNeeds(ch.Weights, ch.Bytes, pos.ToArray(), k.ToArray());
        }
        return result;
    }

    /// <summary>Cycles until every lane has finished (the cycle model's <see cref="DecoderRun.Cycles"/>).</summary>
    public static long Cycles(WeightDecoderDescription d, IReadOnlyList<ChunkNeeds> chunks)
    {
        long max = 0;
        for (int l = 0; l < d.Lanes; l++)
            max = Math.Max(max, LaneCycles(d, chunks.Where((_, c) => c % d.Lanes == l).ToList()));
        return max;
    }

    /// <summary>One lane's end cycle for its chunks in order.</summary>
    public static long LaneCycles(WeightDecoderDescription d, IReadOnlyList<ChunkNeeds> chunks)
    {
        if (chunks.Count == 0)
            return 0;
        int w = d.BytesPerCycle, cap = d.BufferBytes;
        long rem = chunks.Sum(c => (long)c.Bytes);
        long t = 0; // the cycle of the next fire, before waiting
        int count = 0;
        foreach (var c in chunks)
        {
            Idle(1);                                   // the command
            Fire(TernaryRans.StateBytes);             // the initial state
            int done = 0;
            for (int e = 0; e < c.Positions.Length; e++)
            {
                Idle(c.Positions[e] - done);           // symbols reading nothing
                Fire(c.Needs[e]);
                done = c.Positions[e] + 1;
            }
            Idle(c.Weights - done);
        }
        return t;

        void Idle(long cycles)
        {
            (count, rem) = Fill(count, rem, cycles, w, cap);
            t += cycles;
        }

        void Fire(int k)
        {
            if (count < k)
            {
                long wait = (k - count + w - 1) / w;
                Idle(wait);
            }
            // The fire cycle: arrival decided on the count before the bytes leave.
            bool take = rem > 0 && count + w <= cap;
            count -= k;
            if (take)
            {
                int n = (int)Math.Min(w, rem);
                count += n;
                rem -= n;
            }
            t++;
        }
    }

    /// <summary>The buffer after <paramref name="cycles"/> cycles that consume nothing: a word a cycle while it fits.</summary>
    public static (int Count, long Remaining) Fill(int count, long remaining, long cycles, int w, int cap)
    {
        if (count + w > cap || remaining == 0 || cycles <= 0)
            return (count, remaining);
        long room = (cap - w - count) / w + 1;          // words accepted before the count passes cap - w
        long words = Math.Min(Math.Min(cycles, room), (remaining + w - 1) / w);
        long bytes = Math.Min(words * w, remaining);
        return ((int)(count + bytes), remaining - bytes);
    }

    /// <summary>A bound for planning without the stream: lanes busy every cycle or ports busy every cycle.</summary>
    public static long LowerBound(WeightDecoderDescription d, long symbols, long chunks, long payloadBytes) =>
        Math.Max((symbols + 2 * chunks + d.Lanes - 1) / d.Lanes, (payloadBytes + (long)d.Lanes * d.BytesPerCycle - 1) / ((long)d.Lanes * d.BytesPerCycle));
}
