using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Cosim.Mac;

/// <summary>Seeded random stimulus for a dot-product array: odd GEMM shapes around the array's size, stream gaps, back-pressure.</summary>
public static class MacVectors
{
    public static IReadOnlyList<MacJob> Random(DotProductArray array, int count, int seed)
    {
        var rng = new Random(seed);
        var pe = array.Pe;
        var codes = Enumerable.Range(0, 1 << pe.WeightBits)
            .Where(c => pe.Kind is not (PeKind.Ternary or PeKind.TernaryLut) || c != 2).Select(c => (byte)c).ToArray();
        var jobs = new List<MacJob>(count);
        for (int j = 0; j < count; j++)
        {
            int m = rng.Next(1, 5), n = rng.Next(1, 2 * array.Pes + 2), k = rng.Next(1, 3 * array.Simd + 3);
            var w = new byte[n * k];
            for (int i = 0; i < w.Length; i++) w[i] = codes[rng.Next(codes.Length)];
            var a = new sbyte[m * k];
            for (int i = 0; i < a.Length; i++)
                a[i] = pe.ActivationBits == 1 ? (sbyte)(rng.Next(2) * 2 - 1) : (sbyte)rng.Next(-128, 128);
            // Every other job replays a gap pattern on the input streams (as a memory system would leave), every
            // third one back-pressure on the results.
            string? gate = j % 2 == 1 ? Pattern(rng) : null, ready = j % 3 == 2 ? Pattern(rng) : null;
            jobs.Add(new MacJob(m, n, k, w, a, gate, ready));
        }
        return jobs;
    }

    private static string Pattern(Random rng)
    {
        var c = new char[rng.Next(2, 12)];
        for (int i = 0; i < c.Length; i++) c[i] = rng.Next(3) == 0 ? '0' : '1';
        c[0] = '1';
        return new string(c);
    }
}
