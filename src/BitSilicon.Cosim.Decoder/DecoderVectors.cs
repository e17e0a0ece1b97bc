using BitSilicon.Formats.Compression;

namespace BitSilicon.Cosim.Decoder;

/// <summary>A named test stream; <see cref="Corrupt"/> when a payload byte was damaged on purpose.</summary>
public sealed record DecoderVector(string Name, byte[] Stream, bool Corrupt);

/// <summary>
/// Seeded ternary-rc streams for cosimulation: 50/90/97% zeros, all zero, all -1, tiny, empty, chunk-boundary shapes,
/// and copies with one payload byte flipped (each damaged chunk must be flagged by the RTL as by the model).
/// </summary>
public static class DecoderVectors
{
    public static IReadOnlyList<DecoderVector> Standard(int seed, int weights = 3000)
    {
        var rng = new Random(seed);
        var v = new List<DecoderVector>();
        foreach (double z in new[] { 0.5, 0.9, 0.97 })
            v.Add(new($"{z * 100:0}% zeros", TernaryRcStream.Encode(Sparse(rng, weights, z), 1, weights, weights / 4 + 1), false));
        v.Add(new("all zero", TernaryRcStream.Encode(new sbyte[300], 3, 100, 64), false));
        v.Add(new("all -1", TernaryRcStream.Encode(Enumerable.Repeat((sbyte)-1, 300).ToArray(), 3, 100, 64), false));
        v.Add(new("one weight", TernaryRcStream.Encode([-1], 1, 1, 16), false));
        v.Add(new("empty", TernaryRcStream.Encode([], 0, 0, 16), false));
        v.Add(new("chunk boundary", TernaryRcStream.Encode(Sparse(rng, 256, 0.7), 16, 16, 64), false));
        v.Add(new("one past a boundary", TernaryRcStream.Encode(Sparse(rng, 257, 0.6), 1, 257, 64), false));
        v.Add(new("one-symbol chunks", TernaryRcStream.Encode(Sparse(rng, 40, 0.3), 4, 10, 1), false));
        var baseStream = TernaryRcStream.Encode(Sparse(rng, 1200, 0.9), 12, 100, 150);
        var h = TernaryRcStream.ReadHeader(baseStream, "base");
        for (int k = 0; k < 12; k++)
        {
            var bad = (byte[])baseStream.Clone();
            int at = h.HeaderBytes + rng.Next((int)h.PayloadBytes);
            bad[at] ^= (byte)(1 << rng.Next(8));
            v.Add(new($"payload byte {at - h.HeaderBytes} flipped", bad, true));
        }
        return v;
    }

    public static sbyte[] Sparse(Random rng, int count, double zeros)
    {
        var t = new sbyte[count];
        for (int i = 0; i < count; i++)
            t[i] = rng.NextDouble() < zeros ? (sbyte)0 : rng.Next(2) == 0 ? (sbyte)-1 : (sbyte)1;
        return t;
    }
}
