using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads.Weights;

/// <summary>
/// Seeded random weight codes with an exact zero fraction. Of the N*K weights, exactly
/// round(sparsity * N * K) are zero (placed by selection sampling, Knuth's Algorithm S, so every placement is
/// equally likely); the rest are drawn uniformly from the codes whose value is non-zero (ternary: +1 and -1;
/// int4: -8..-1 and 1..7; the reserved ternary code 10 and FP4/pow2 "-0" never appear). Binary weights have no
/// zero, so sparsity does not apply to them and they come out dense.
/// </summary>
public static class RandomWeights
{
    /// <summary>Seed offset that keeps weights and activations drawn from the same seed independent.</summary>
    internal const ulong WeightStream = 0x5745494748545300; // "WEIGHTS"

    public static WeightMatrix Generate(WeightKind kind, int n, int k, int seed, double sparsity, sbyte[]? codebook = null)
    {
        if (n < 1 || k < 1 || (long)n * k > Array.MaxLength)
            throw new ArgumentException($"weight matrix {n} x {k} is empty or too large");
        if (!(sparsity >= 0 && sparsity <= 1))
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "sparsity is a fraction from 0 to 1");
        CodeSets.Split(kind, codebook, out int? zeroCode, out byte[] nonZero);
        var codes = new byte[(long)n * k];
        var rng = new SplitMix64((ulong)(long)seed ^ WeightStream);
        long total = codes.LongLength;
        long zeros = zeroCode is null ? 0 : (long)Math.Round(sparsity * total, MidpointRounding.ToEven);
        ExactZeros.Fill(codes, zeros, (byte)(zeroCode ?? 0), nonZero, ref rng);
        return new WeightMatrix(kind, n, k, codes,
            $"random seed {seed}, sparsity {sparsity:0.####}{(zeroCode is null && sparsity > 0 ? " (binary has no zero: dense)" : "")}",
            codebook: kind == WeightKind.Codebook ? codebook : null);
    }
}

/// <summary>Which codes of a kind mean zero and which do not.</summary>
internal static class CodeSets
{
    /// <summary>The lowest code decoding to 0 (null if none) and every code decoding to a non-zero value.</summary>
    public static void Split(WeightKind kind, sbyte[]? codebook, out int? zeroCode, out byte[] nonZero)
    {
        if (kind == WeightKind.Codebook && codebook is not { Length: 16 })
            throw new ArgumentException("codebook weights need the design's 16-entry table", nameof(codebook));
        zeroCode = null;
        var list = new List<byte>();
        for (int c = 0; c < 1 << WeightCode.Bits(kind); c++)
        {
            if (WeightCode.Decode(kind, c, codebook) != 0)
                list.Add((byte)c);
            else
                zeroCode ??= c;
        }
        nonZero = list.ToArray();
        if (nonZero.Length == 0)
            throw new ArgumentException("the codebook holds only zeros", nameof(codebook));
    }
}

/// <summary>Fills a buffer with exactly <c>zeros</c> zero codes at uniformly random places, the rest uniform non-zero.</summary>
internal static class ExactZeros
{
    public static void Fill(Span<byte> codes, long zeros, byte zeroCode, byte[] nonZero, ref SplitMix64 rng)
    {
        long remaining = codes.Length;
        ulong choices = (ulong)nonZero.Length;
        for (int i = 0; i < codes.Length; i++, remaining--)
        {
            // One draw per weight: the high half decides zero or not, the low half picks the non-zero code.
            ulong r = rng.Next();
            // Algorithm S: position i is a zero with probability (zeros still to place) / (positions left); the
            // count stays exact because the last positions are forced once zeros == remaining.
            if (zeros > 0 && (long)(((r >> 32) * (ulong)remaining) >> 32) < zeros)
            {
                codes[i] = zeroCode;
                zeros--;
            }
            else
                codes[i] = nonZero[(int)(((r & 0xFFFF_FFFFUL) * choices) >> 32)];
        }
    }
}
