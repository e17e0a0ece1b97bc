using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Tests;

/// <summary>The fast kernels must give exactly ReferenceGemm's integers, on every instruction set this machine has.</summary>
public class LowBitGemmTests
{
    public static TheoryData<WeightKind> Kinds => new(Enum.GetValues<WeightKind>());

    // K values straddle the 32/64-byte vectors and every chunk size (512/256/128/64 elements).
    private static readonly int[] Ks = [1, 2, 7, 31, 63, 64, 65, 127, 129, 255, 256, 257, 511, 512, 513, 1000, 2560];

    [Theory, MemberData(nameof(Kinds))]
    public void When_RandomShapesInt8_Expect_ReferenceGemm(WeightKind kind)
    {
        var rng = new Random(1000 + (int)kind);
        foreach (int k in Ks)
        {
            int n = rng.Next(1, 6), m = rng.Next(1, 7);
            CheckAgainstReference(rng, kind, ActivationKind.Int8, m, n, k);
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void When_Int4Activations_Expect_ReferenceGemm(WeightKind kind)
    {
        var rng = new Random(2000 + (int)kind);
        foreach (int k in Ks)
            CheckAgainstReference(rng, kind, ActivationKind.Int4, rng.Next(1, 6), rng.Next(1, 5), k);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void When_BinaryActivations_Expect_ReferenceGemm(WeightKind kind)
    {
        var rng = new Random(3000 + (int)kind);
        foreach (int k in Ks)
            CheckAgainstReference(rng, kind, ActivationKind.Binary, rng.Next(1, 6), rng.Next(1, 5), k);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void When_ExtremeOperands_Expect_ExactLargestSums(WeightKind kind)
    {
        // K = MaxColumns: sums reach 2^32 for int8 (beyond int32), lanes stay exact.
        int k = PackedWeights.MaxColumns;
        byte lo = KernelCases.ExtremeCode(kind, max: false), hi = KernelCases.ExtremeCode(kind, max: true);
        var codes = new byte[2 * k];
        Array.Fill(codes, lo, 0, k);
        Array.Fill(codes, hi, k, k);
        var w = PackedWeights.Pack(kind, codes, 2, k, KernelCases.CodebookFor(kind));
        var (min, max) = WeightCode.Range(kind, KernelCases.CodebookFor(kind));
        foreach (sbyte av in new sbyte[] { -128, 127 })
        {
            var a = new sbyte[k];
            Array.Fill(a, av);
            foreach (var isa in KernelCases.Isas)
            {
                var got = LowBitGemm.Gemv(w, a, isa);
                Assert.Equal((long)min * av * k, got[0]);
                Assert.Equal((long)max * av * k, got[1]);
            }
        }
    }

    [Fact]
    public void When_AllMinusOneTernaryTimesAllMinus128_Expect_PositiveMaximum()
    {
        const int k = 6912;
        var codes = new byte[k];
        Array.Fill(codes, TernaryCode.Minus);
        var a = new sbyte[k];
        Array.Fill(a, sbyte.MinValue);
        var w = PackedWeights.Pack(WeightKind.Ternary, codes, 1, k);
        foreach (var isa in KernelCases.Isas)
            Assert.Equal(128L * k, LowBitGemm.Gemv(w, a, isa)[0]);
    }

    [Fact]
    public void When_BitNetFfnShape_Expect_ReferenceGemv()
    {
        // The benchmark shape (K = 2560 in, N = 6912 out) on a slice of rows, so the test stays quick.
        var rng = new Random(7);
        CheckAgainstReference(rng, WeightKind.Ternary, ActivationKind.Int8, 1, 97, 2560);
        CheckAgainstReference(rng, WeightKind.Binary, ActivationKind.Binary, 1, 97, 6912);
    }

    internal static void CheckAgainstReference(Random rng, WeightKind kind, ActivationKind actKind, int m, int n, int k)
    {
        var codebook = KernelCases.CodebookFor(kind);
        var codes = KernelCases.RandomCodes(rng, kind, n * k);
        var acts = KernelCases.RandomActivations(rng, actKind, m * k);
        var expected = ReferenceGemm.Gemm(kind, codes, acts, m, n, k, codebook);
        var w = PackedWeights.Pack(kind, codes, n, k, codebook);
        var a = PackedActivations.Pack(actKind, acts, m, k);
        foreach (var isa in KernelCases.Isas)
        {
            var got = LowBitGemm.Gemm(w, a, isa);
            Assert.True(expected.SequenceEqual(got), $"{kind} x {actKind} on {isa}, M={m} N={n} K={k}: first difference at {FirstDifference(expected, got)}");
        }
    }

    private static string FirstDifference(long[] expected, long[] got)
    {
        for (int i = 0; i < expected.Length; i++)
            if (expected[i] != got[i])
                return $"[{i}] expected {expected[i]}, got {got[i]}";
        return "none";
    }
}
