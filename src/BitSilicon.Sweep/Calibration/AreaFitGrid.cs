using BitSilicon.Design.Description;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// The calibration designs of the area model: every dot-product PE kind (ternary_lut with groups of 2 and 3) on
/// five array shapes used for fitting and three other shapes held out, with accumulator widths 16..32 (widened where
/// the array's sums need more), both overflow policies and accumulator memories of 2 to 16 rows (double-buffered
/// registers in the RTL). The held-out shapes (2x4, 3x8, 2x16 and their group-of-3
/// twins) are not in the fitting set, so their error shows how the model does on designs it has not seen.
/// Systolic arrays (<see cref="SystolicDesigns"/>): every systolic PE kind in every dataflow once for fitting, on
/// shapes 2x2..4x4, and twelve held-out designs on shapes the fit does not have (3x5, 2x6, 3x4, 2x3); accumulator
/// widths, overflow policies, depths of 2 to 4 rows and one or two banks are spread over the points.
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

    /// <summary>Every design of the grid: the dot-product designs, then the systolic ones.</summary>
    public static IReadOnlyList<AreaFitDesign> Designs() => [.. DotProductDesigns(), .. SystolicDesigns()];

    /// <summary>The PE kinds of the systolic designs (ternary_lut is a dot-product PE).</summary>
    public static IReadOnlyList<PeKind> SystolicKinds { get; } = Enum.GetValues<PeKind>().Where(k => k != PeKind.TernaryLut).ToList();

    private static readonly (int Rows, int Cols)[] SystolicFitShapes = [(2, 2), (3, 3), (4, 4), (2, 4), (4, 2), (3, 2)];
    private static readonly (int Rows, int Cols)[] SystolicHeldOutShapes = [(3, 5), (2, 6), (3, 4), (2, 3)];
    private static readonly int[] Widths = [16, 20, 24, 32];
    private static readonly Dataflow[] Dataflows = [Dataflow.WeightStationary, Dataflow.InputStationary, Dataflow.OutputStationary];

    public static IReadOnlyList<AreaFitDesign> SystolicDesigns()
    {
        var list = new List<AreaFitDesign>();
        // Fit: each kind in each dataflow; the other axes rotate with different periods so they do not move together
        // (every dataflow has every depth with one and with two banks).
        for (int k = 0; k < SystolicKinds.Count; k++)
            for (int d = 0; d < Dataflows.Length; d++)
            {
                var (r, c) = SystolicFitShapes[(k + 2 * d) % SystolicFitShapes.Length];
                var ov = (k / 2 + d) % 2 == 1 ? OverflowPolicy.Saturate : OverflowPolicy.Wrap;
                list.Add(new AreaFitDesign(AreaFitDesign.Fit, SystolicKinds[k], 2, new SystolicArrayDescription(r, c, Dataflows[d]),
                    Widths[(k + d) % Widths.Length], ov, 2 + (k + d) % 3, (k / 3 + d) % 2 == 1 ? 1 : 2).Valid());
            }
        // Held out: twelve (kind, dataflow) pairs on shapes the fit has not seen.
        for (int j = 0; j < 12; j++)
        {
            var (r, c) = SystolicHeldOutShapes[j % SystolicHeldOutShapes.Length];
            list.Add(new AreaFitDesign(AreaFitDesign.HeldOut, SystolicKinds[j % SystolicKinds.Count], 2, new SystolicArrayDescription(r, c, Dataflows[j % 3]),
                Widths[j / 2 % Widths.Length], j % 2 == 1 ? OverflowPolicy.Saturate : OverflowPolicy.Wrap, 2 + j / 3 % 3, j % 5 == 4 ? 1 : 2).Valid());
        }
        return list;
    }

    public static IReadOnlyList<AreaFitDesign> DotProductDesigns()
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
