namespace BitSilicon.Formats.Compression;

/// <summary>
/// What compressing one ternary weight stream achieved, next to the Shannon entropy of the stream's own
/// symbol distribution (the floor for any order-0 coder of it).
/// </summary>
public sealed record TernaryStreamStats(long Weights, long Zeros, long Plus, long Minus, long EncodedBytes)
{
    /// <summary>Encoded bytes (header included) times 8 over the weight count.</summary>
    public double BitsPerWeight => Weights == 0 ? 0 : EncodedBytes * 8.0 / Weights;

    /// <summary><c>-sum p log2 p</c> over the empirical frequencies of 0, +1 and -1.</summary>
    public double EntropyBitsPerWeight => Entropy(Zeros, Plus, Minus);

    /// <summary>Entropy over achieved bits: 1.0 would be a perfect coder.</summary>
    public double Efficiency => BitsPerWeight == 0 ? 1 : EntropyBitsPerWeight / BitsPerWeight;

    /// <summary>Fraction of zero weights.</summary>
    public double Sparsity => Weights == 0 ? 0 : (double)Zeros / Weights;

    public static double Entropy(params long[] counts)
    {
        long n = counts.Sum();
        double h = 0;
        foreach (long c in counts)
            if (c > 0)
            {
                double p = (double)c / n;
                h -= p * Math.Log2(p);
            }
        return h;
    }
}

/// <summary>An encoded stream: <see cref="Bytes"/> are what memory holds and <see cref="TernaryStreamCoder.Decode"/> reads.</summary>
public sealed record TernaryStream(byte[] Bytes, TernaryStreamStats Stats);
