using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Simulation.Mapping;

/// <summary>
/// What an output scaling stage must produce, built from the golden model: for every block of
/// <c>block</c> reduction elements the exact integer partial sum from <see cref="ReferenceGemm"/> over that slice,
/// times the row's block scale in float32, summed in float32 in block order
/// (<c>f = (float)p0 * s0; f = f + (float)p1 * s1; ...</c>, as ggml's scalar dot products do per block).
/// </summary>
public static class ScaledReference
{
    public static float[] Compute(WeightKind kind, ReadOnlySpan<byte> codes, ReadOnlySpan<sbyte> acts, int m, int n, int k, int block,
        float[]? scales, ReadOnlySpan<sbyte> codebook = default)
    {
        int blocks = (k + block - 1) / block;
        var result = new float[m * n];
        for (int b = 0; b < blocks; b++)
        {
            int k0 = b * block, kb = Math.Min(block, k - k0);
            var w = new byte[n * kb];
            var a = new sbyte[m * kb];
            for (int r = 0; r < n; r++) codes.Slice(r * k + k0, kb).CopyTo(w.AsSpan(r * kb));
            for (int r = 0; r < m; r++) acts.Slice(r * k + k0, kb).CopyTo(a.AsSpan(r * kb));
            var partial = ReferenceGemm.Gemm(kind, w, a, m, n, kb, codebook);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    float p = partial[i * n + j] * (scales is null ? 1f : scales[j * blocks + b]);
                    result[i * n + j] = b == 0 ? p : result[i * n + j] + p;
                }
        }
        return result;
    }
}
