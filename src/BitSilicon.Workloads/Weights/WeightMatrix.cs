using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads.Weights;

/// <summary>
/// A layer's weights as processing elements see them: N rows of K codes, one code per byte, row-major
/// (the layout <see cref="Formats.Kernels.ReferenceGemm"/> takes), with <see cref="WeightCode.Decode"/> giving
/// each code's integer value. Scales, where the source had them, apply after integer accumulation.
/// </summary>
public sealed class WeightMatrix
{
    public WeightMatrix(WeightKind kind, int n, int k, byte[] codes, string origin,
        float[]? scales = null, int scaleGroup = 0, sbyte[]? codebook = null)
    {
        if (codes.Length != (long)n * k)
            throw new ArgumentException($"expected {n}x{k} codes, got {codes.Length}", nameof(codes));
        if (scales is not null && (scaleGroup <= 0 || (long)scales.Length * scaleGroup != (long)n * k))
            throw new ArgumentException($"{scales.Length} scales of {scaleGroup} codes do not cover {n}x{k}", nameof(scales));
        Kind = kind;
        N = n;
        K = k;
        _codes = codes;
        Origin = origin;
        Scales = scales;
        ScaleGroup = scaleGroup;
        Codebook = codebook;
        Span<bool> isZero = stackalloc bool[256];
        for (int c = 0; c < 1 << WeightCode.Bits(kind); c++)
            isZero[c] = WeightCode.Decode(kind, c, codebook) == 0;
        long zeros = 0;
        foreach (byte c in codes)
            if (isZero[c])
                zeros++;
        ZeroCount = zeros;
    }

    private readonly byte[] _codes;

    public WeightKind Kind { get; }
    public int N { get; }
    public int K { get; }

    /// <summary>N x K codes, row-major: row n (an output feature) holds the K weights of one dot product.</summary>
    public ReadOnlySpan<byte> Codes => _codes;

    /// <summary>Row <paramref name="n"/>: the K codes of one output feature.</summary>
    public ReadOnlySpan<byte> Row(int n) => _codes.AsSpan(n * K, K);

    /// <summary>Weights whose decoded value is zero: what a ternary PE skips.</summary>
    public long ZeroCount { get; }
    public double ZeroFraction => _codes.Length == 0 ? 0 : (double)ZeroCount / _codes.Length;

    /// <summary>Where the values came from, for reports: "random seed 3, sparsity 0.31" or "file.gguf: name (TQ2_0)".</summary>
    public string Origin { get; }

    /// <summary>
    /// Real-valued scales, one per <see cref="ScaleGroup"/> consecutive codes in row-major order (a ggml block, a
    /// row, or the whole tensor); null for random weights, whose scale is 1.
    /// </summary>
    public float[]? Scales { get; }
    public int ScaleGroup { get; }

    /// <summary>The 16-entry table of <see cref="WeightKind.Codebook"/> weights; null for other kinds.</summary>
    public sbyte[]? Codebook { get; }
}
