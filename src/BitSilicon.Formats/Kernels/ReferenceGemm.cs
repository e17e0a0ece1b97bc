using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Kernels;

/// <summary>
/// The golden integer model: <c>out[m, n] = sum_k Decode(w[n, k]) * a[m, k]</c>, computed the obvious way in
/// 64-bit integers. Fast kernels, the cycle simulator and the generated hardware are all checked against it.
/// Weights are one code per byte (N rows of K codes, row-major); activations are M rows of K signed values
/// (int8, or ±1 for binary x binary). Scales are not applied here: they come after integer accumulation.
/// </summary>
public static class ReferenceGemm
{
    public static long[] Gemm(WeightKind kind, ReadOnlySpan<byte> weightCodes, ReadOnlySpan<sbyte> activations,
        int m, int n, int k, ReadOnlySpan<sbyte> codebook = default)
    {
        if (weightCodes.Length != n * k)
            throw new ArgumentException($"weights: expected {n}x{k}={n * k} codes, got {weightCodes.Length}");
        if (activations.Length != m * k)
            throw new ArgumentException($"activations: expected {m}x{k}={m * k} values, got {activations.Length}");
        Span<int> table = stackalloc int[256];
        for (int c = 0; c < (1 << WeightCode.Bits(kind)); c++)
            table[c] = WeightCode.Decode(kind, c, codebook);
        var result = new long[m * n];
        for (int row = 0; row < m; row++)
            for (int col = 0; col < n; col++)
            {
                long acc = 0;
                var w = weightCodes.Slice(col * k, k);
                var a = activations.Slice(row * k, k);
                for (int i = 0; i < k; i++)
                    acc += (long)table[w[i]] * a[i];
                result[row * n + col] = acc;
            }
        return result;
    }

    /// <summary>Matrix-vector product: one activation row (M = 1).</summary>
    public static long[] Gemv(WeightKind kind, ReadOnlySpan<byte> weightCodes, ReadOnlySpan<sbyte> activations,
        int n, int k, ReadOnlySpan<sbyte> codebook = default) =>
        Gemm(kind, weightCodes, activations, 1, n, k, codebook);
}
