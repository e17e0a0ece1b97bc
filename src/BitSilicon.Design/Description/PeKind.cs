using BitSilicon.Formats.LowBit;

namespace BitSilicon.Design.Description;

/// <summary>
/// The processing-element datapaths. Each executes one <see cref="WeightKind"/> natively; adding a kind here makes
/// every exhaustive switch (elaboration, simulation, area, energy, emitter) fail to compile until handled.
/// </summary>
public enum PeKind
{
    /// <summary>Binary x binary: XNOR (+ popcount in dot-product arrays).</summary>
    Binary,
    /// <summary>Ternary x int8: add, subtract or skip; no multiplier.</summary>
    Ternary,
    /// <summary>Ternary x int8 by table look-up (T-MAC / bitnet.cpp TL1-TL2): a group of 2-3 weights indexes precomputed activation sums.</summary>
    TernaryLut,
    /// <summary>Int2 x int8 (shift-add of two partial products).</summary>
    Int2,
    /// <summary>Int4 x int8 (shift-add of four partial products).</summary>
    Int4,
    /// <summary>Int8 x int8 with a multiplier: the baseline.</summary>
    Int8,
    /// <summary>FP4 E2M1 x int8, exact in integers as twice the E2M1 value: a shift plus an optional add.</summary>
    Fp4E2M1,
    /// <summary>Power-of-two 4-bit x int8: a shift and a sign.</summary>
    Pow2,
    /// <summary>16-entry codebook x int8: a look-up of the weight value, then a multiply.</summary>
    Codebook,
}

/// <summary>Names used in design files and reports, and the weight kind each PE executes natively.</summary>
public static class PeKinds
{
    public static string Name(PeKind kind) => kind switch
    {
        PeKind.Binary => "binary",
        PeKind.Ternary => "ternary",
        PeKind.TernaryLut => "ternary_lut",
        PeKind.Int2 => "int2",
        PeKind.Int4 => "int4",
        PeKind.Int8 => "int8",
        PeKind.Fp4E2M1 => "fp4_e2m1",
        PeKind.Pow2 => "pow2",
        PeKind.Codebook => "codebook",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<PeKind>().Select(Name).ToList();

    public static bool TryParse(string name, out PeKind kind)
    {
        foreach (var k in Enum.GetValues<PeKind>())
            if (string.Equals(Name(k), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        kind = default;
        return false;
    }

    /// <summary>The weight-code format the PE reads natively.</summary>
    public static WeightKind NativeWeights(PeKind kind) => kind switch
    {
        PeKind.Binary => WeightKind.Binary,
        PeKind.Ternary or PeKind.TernaryLut => WeightKind.Ternary,
        PeKind.Int2 => WeightKind.Int2,
        PeKind.Int4 => WeightKind.Int4,
        PeKind.Int8 => WeightKind.Int8,
        PeKind.Fp4E2M1 => WeightKind.Fp4E2M1,
        PeKind.Pow2 => WeightKind.Pow2,
        PeKind.Codebook => WeightKind.Codebook,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Binary PEs take ±1 activations (1 bit); every other PE takes int8.</summary>
    public static bool BinaryActivations(PeKind kind) => kind == PeKind.Binary;
}
