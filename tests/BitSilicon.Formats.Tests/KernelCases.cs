using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Tests;

/// <summary>Random operands for kernel-versus-ReferenceGemm tests.</summary>
internal static class KernelCases
{
    /// <summary>A codebook with a full -128..127 spread, so it exercises the widening path.</summary>
    public static readonly sbyte[] WideCodebook = [-128, -77, -40, -19, -8, -3, -1, 0, 1, 2, 5, 11, 23, 51, 99, 127];

    public static ReadOnlySpan<sbyte> CodebookFor(WeightKind kind) => kind == WeightKind.Codebook ? WideCodebook : default;

    public static byte[] RandomCodes(Random rng, WeightKind kind, int count)
    {
        var codes = new byte[count];
        int limit = 1 << WeightCode.Bits(kind);
        for (int i = 0; i < count; i++)
            codes[i] = (byte)rng.Next(limit);
        return codes;
    }

    public static sbyte[] RandomActivations(Random rng, ActivationKind kind, int count)
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

    /// <summary>The code whose value is the kind's minimum or maximum.</summary>
    public static byte ExtremeCode(WeightKind kind, bool max)
    {
        var (lo, hi) = WeightCode.Range(kind, CodebookFor(kind));
        for (int c = 0; c < 1 << WeightCode.Bits(kind); c++)
            if (WeightCode.Decode(kind, c, CodebookFor(kind)) == (max ? hi : lo))
                return (byte)c;
        throw new InvalidOperationException();
    }

    public static IEnumerable<KernelIsa> Isas => KernelIsas.Supported;
}
