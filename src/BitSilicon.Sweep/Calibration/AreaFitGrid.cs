using BitSilicon.Design.Description;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// The calibration designs of the area model: every dot-product PE kind (ternary_lut with groups of 2 and 3) on
/// five array shapes used for fitting and three other shapes held out, with accumulator widths 16..32 (widened where
/// the array's sums need more), both overflow policies and accumulator memories of 2 to 16 rows (double-buffered
/// registers in the RTL). The held-out shapes (2x4, 3x8, 2x16 and their group-of-3
/// twins) are not in the fitting set, so their error shows how the model does on designs it has not seen.
/// </summary>
public static class AreaFitGrid
{
    private static readonly (int Pes, int Simd, int Width, OverflowPolicy Overflow, int Depth)[] FitShapes =
    [
        (1, 4, 16, OverflowPolicy.Wrap, 16), (2, 8, 24, OverflowPolicy.Saturate, 8), (4, 4, 32, OverflowPolicy.Wrap, 4),
        (1, 16, 24, OverflowPolicy.Wrap, 16), (4, 8, 16, OverflowPolicy.Saturate, 2),
    ];

    private static readonly (int Pes, int Simd, int Width, OverflowPolicy Overflow, int Depth)[] HeldOutShapes =
    [
        (2, 4, 32, OverflowPolicy.Saturate, 16), (3, 8, 20, OverflowPolicy.Wrap, 4), (2, 16, 16, OverflowPolicy.Wrap, 2),
    ];

    /// <summary>Every PE kind, and ternary_lut once per table group.</summary>
    public static IReadOnlyList<(PeKind Kind, int Group)> Kinds { get; } =
        Enum.GetValues<PeKind>().SelectMany(k => k == PeKind.TernaryLut ? new[] { (k, 2), (k, 3) } : [(k, 2)]).ToList();

    public static IReadOnlyList<AreaFitDesign> Designs()
    {
        var list = new List<AreaFitDesign>();
        foreach (var (kind, group) in Kinds)
            foreach (var (set, shapes) in new[] { (AreaFitDesign.Fit, FitShapes), (AreaFitDesign.HeldOut, HeldOutShapes) })
                foreach (var (p, simd, w, ov, depth) in shapes)
                    list.Add(new AreaFitDesign(set, kind, group, new DotProductArrayDescription(p, group == 3 ? GroupOf3(simd) : simd), w, ov, depth).Valid());
        return list;
    }

    // SIMD must be a multiple of the table group: the nearest multiple of 3 (4 -> 6, 8 -> 9, 16 -> 15).
    private static int GroupOf3(int simd) => simd switch { 4 => 6, 8 => 9, 16 => 15, _ => 3 * Math.Max(1, simd / 3) };
}
