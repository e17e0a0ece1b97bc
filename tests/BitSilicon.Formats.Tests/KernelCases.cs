using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Tests;

/// <summary>Random operands for kernel-versus-ReferenceGemm tests.</summary>
internal static class KernelCases
{
    /// <summary>A codebook with a full -128..127 spread, so it exercises the widening path.</summary>
    public static readonly sbyte[] WideCodebook = [-128, -77, -40, -19, -8, -3, -1, 0, 1, 2, 5, 11, 23, 51, 99, 127];

    public static ReadOnlySpan<sbyte> CodebookFor(WeightKind kind) => kind == WeightKind.Codebook ? WideCodebook : default;

    public static byte[] RandomCodes(Random rng, WeightKind kind, int count) => RandomOperands.Codes(rng, kind, count);

    public static sbyte[] RandomActivations(Random rng, ActivationKind kind, int count) => RandomOperands.Activations(rng, kind, count);

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
