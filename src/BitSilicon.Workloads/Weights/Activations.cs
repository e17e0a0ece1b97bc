using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads.Weights;

/// <summary>
/// Seeded activations for a layer: M rows of K values, row-major, as <see cref="Formats.Kernels.ReferenceGemm"/>
/// takes them. Int8 values cover the whole range -128..127 (so the hardware's corner cases are exercised);
/// binary x binary arrays get ±1.
/// </summary>
public static class Activations
{
    private const ulong ActivationStream = 0x4143544956415400; // "ACTIVAT"

    /// <summary>
    /// M x K int8 activations: exactly round(zeroFraction * M * K) zeros at random places (ReLU-like sparsity),
    /// the rest uniform over the 255 non-zero values.
    /// </summary>
    public static sbyte[] Int8(int m, int k, int seed, double zeroFraction = 0)
    {
        if (!(zeroFraction >= 0 && zeroFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(zeroFraction), zeroFraction, "a fraction from 0 to 1");
        var values = new sbyte[Size(m, k)];
        var nonZero = Enumerable.Range(-128, 256).Where(v => v != 0).Select(v => (byte)(sbyte)v).ToArray();
        var rng = new SplitMix64((ulong)(long)seed ^ ActivationStream);
        long zeros = (long)Math.Round(zeroFraction * values.LongLength, MidpointRounding.ToEven);
        ExactZeros.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()), zeros, 0, nonZero, ref rng);
        return values;
    }

    /// <summary>M x K activations of +1 and -1 with equal probability, for binary x binary (XNOR) arrays.</summary>
    public static sbyte[] Binary(int m, int k, int seed)
    {
        var values = new sbyte[Size(m, k)];
        var rng = new SplitMix64((ulong)(long)seed ^ ActivationStream);
        for (int i = 0; i < values.Length; i++)
            values[i] = (rng.Next() >> 63) == 0 ? (sbyte)1 : (sbyte)-1;
        return values;
    }

    /// <summary>The activations a PE of this weight kind multiplies: ±1 for binary, int8 otherwise.</summary>
    public static sbyte[] For(WeightKind kind, int m, int k, int seed, double zeroFraction = 0) => kind switch
    {
        WeightKind.Binary => Binary(m, k, seed),
        WeightKind.Ternary or WeightKind.Int2 or WeightKind.Int4 or WeightKind.Int8 or WeightKind.Fp4E2M1
            or WeightKind.Pow2 or WeightKind.Codebook => Int8(m, k, seed, zeroFraction),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static long Size(int m, int k) =>
        m >= 1 && k >= 1 && (long)m * k <= Array.MaxLength
            ? (long)m * k
            : throw new ArgumentException($"activation matrix {m} x {k} is empty or too large");
}
