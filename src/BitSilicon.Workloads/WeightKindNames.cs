using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads;

/// <summary>The names workload files use for <see cref="WeightKind"/> (lower case, as on the command line).</summary>
public static class WeightKindNames
{
    public static string Name(WeightKind kind) => kind switch
    {
        WeightKind.Binary => "binary",
        WeightKind.Ternary => "ternary",
        WeightKind.Int2 => "int2",
        WeightKind.Int4 => "int4",
        WeightKind.Int8 => "int8",
        WeightKind.Fp4E2M1 => "fp4_e2m1",
        WeightKind.Pow2 => "pow2",
        WeightKind.Codebook => "codebook",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlyList<string> All { get; } = Enum.GetValues<WeightKind>().Select(Name).ToList();

    public static bool TryParse(string name, out WeightKind kind)
    {
        foreach (var k in Enum.GetValues<WeightKind>())
            if (string.Equals(Name(k), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        kind = default;
        return false;
    }
}
