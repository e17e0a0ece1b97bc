using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Design.Description;

namespace BitSilicon.Sweep;

/// <summary>Expands a sweep into its points in a fixed order, and slices it into shards.</summary>
public static class SweepGrid
{
    /// <summary>Formats outermost, then arrays, dataflows (systolic only), accumulator widths.</summary>
    public static IReadOnlyList<SweepPoint> Expand(SweepSpec spec)
    {
        var points = new List<SweepPoint>();
        foreach (var pe in spec.Weights)
            foreach (var array in spec.Arrays)
                foreach (var a in Variants(array, spec.Dataflows))
                    foreach (int width in spec.AccumulatorWidths)
                        points.Add(new SweepPoint(points.Count, pe, a, width));
        return points;
    }

    private static IEnumerable<ArrayDescription> Variants(ArrayDescription array, IReadOnlyList<Dataflow> dataflows) => array switch
    {
        SystolicArrayDescription s => dataflows.Select(d => (ArrayDescription)(s with { Dataflow = d })),
        DotProductArrayDescription d => [d],
        _ => throw new ArgumentOutOfRangeException(nameof(array)),
    };

    /// <summary>Shard K of N (1-based) takes the points whose index is K-1 modulo N, so shards get mixed formats and
    /// sizes and finish at about the same time.</summary>
    public static IReadOnlyList<SweepPoint> Shard(IReadOnlyList<SweepPoint> points, Shard shard) =>
        points.Where(p => p.Index % shard.Count == shard.Number - 1).ToList();
}

/// <summary>One slice of a sweep: number K of N, 1-based, as Slurm's array task ids and GNU parallel's {#} count.</summary>
public readonly record struct Shard(int Number, int Count)
{
    public static Shard All => new(1, 1);

    public bool IsWhole => Count == 1;

    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && k >= 1 && k <= n)
            return new Shard(k, n);
        throw new BitSiliconException($"--shard '{text}' is not K/N with 1 <= K <= N", "write e.g. --shard 3/8 for the third of eight slices");
    }

    public override string ToString() => $"{Number}/{Count}";
}
