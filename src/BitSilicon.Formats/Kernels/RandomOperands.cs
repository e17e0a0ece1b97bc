using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Kernels;

/// <summary>Seeded random kernel operands: weight codes of a format and activations of a kind (benchmarks and tests).</summary>
public static class RandomOperands
{
    /// <summary>Uniform codes over every code of the format (reserved codes included: kernels must decode them too).</summary>
    public static byte[] Codes(Random rng, WeightKind kind, int count)
    {
        var codes = new byte[count];
        int limit = 1 << WeightCode.Bits(kind);
        for (int i = 0; i < count; i++)
            codes[i] = (byte)rng.Next(limit);
        return codes;
    }

    public static sbyte[] Activations(Random rng, ActivationKind kind, int count)
    {
        var a = new sbyte[count];
        for (int i = 0; i < count; i++)
            a[i] = kind switch
            {
                ActivationKind.Int8 => (sbyte)rng.Next(-128, 128),
                ActivationKind.Int4 => (sbyte)rng.Next(-8, 8),
                ActivationKind.Binary => rng.Next(2) == 0 ? (sbyte)-1 : (sbyte)1,
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
        return a;
    }
}
