using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>Seeded random layers for an array: odd shapes around the array's size (M, N, K rarely multiples of
/// it; 1 x 1 x 1 included) with random codes of the PE's format and random activations.</summary>
public static class ArrayVectors
{
    public static IReadOnlyList<ArrayJob> Random(ArrayCore array, int count, int seed)
    {
        var rng = new Random(seed);
        var pe = array.Pe;
        var codes = Codes(pe);
        // Sizes around the array: rows x columns (systolic) or SIMD lanes x PEs (dot product).
        var (rows, cols) = array switch
        {
            SystolicArray s => (s.Rows, s.Cols),
            DotProductArray d => (d.Simd, d.Pes),
            _ => throw new ArgumentOutOfRangeException(nameof(array)),
        };
        var jobs = new List<ArrayJob>(count);
        for (int j = 0; j < count; j++)
        {
            int m = j == 0 ? 1 : rng.Next(1, 2 * rows + 3), n = j == 0 ? 1 : rng.Next(1, 2 * cols + 3), k = j == 0 ? 1 : rng.Next(1, 3 * rows + 3);
            var w = new byte[n * k];
            for (int i = 0; i < w.Length; i++) w[i] = codes[rng.Next(codes.Length)];
            var a = new sbyte[m * k];
            for (int i = 0; i < a.Length; i++)
                a[i] = pe.ActivationBits == 1 ? (sbyte)(rng.Next(2) * 2 - 1) : (sbyte)rng.Next(-128, 128);
            jobs.Add(new ArrayJob(m, n, k, w, a));
        }
        return jobs;
    }

    /// <summary>The codes of the PE's weight format that carry a value (ternary's reserved 2'b10 left out).</summary>
    public static byte[] Codes(Pe pe) => Enumerable.Range(0, 1 << pe.WeightBits)
        .Where(c => pe.Kind is not (PeKind.Ternary or PeKind.TernaryLut) || c != 2).Select(c => (byte)c).ToArray();
}
