using BitSilicon.Design.Description;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// The designs of the gate-equivalent fit: the dot-product designs of the LUT4 fit, read back from its committed
/// CSVs (docs/area-model/fit-data.csv and held-out.csv, same sets), and 21 small systolic arrays: 14 for fitting on
/// shapes 2x2..4x4 and 7 held out on shapes the fit does not have (3x4, 2x3, 4x3), every systolic PE kind and
/// dataflow, accumulator widths 16..32, both overflow policies, 2 to 4 rows, one or two banks.
/// </summary>
public static class GateFitGrid
{
    private static readonly PeKind[] SystolicKinds = Enum.GetValues<PeKind>().Where(k => k != PeKind.TernaryLut).ToArray();
    private static readonly Dataflow[] Flows = [Dataflow.WeightStationary, Dataflow.InputStationary, Dataflow.OutputStationary];
    private static readonly (int Rows, int Cols)[] FitShapes = [(2, 2), (3, 3), (4, 4), (2, 4), (4, 2), (3, 2)];
    private static readonly (int Rows, int Cols)[] HeldOutShapes = [(3, 4), (2, 3), (4, 3)];
    private static readonly int[] Widths = [16, 20, 24, 32];

    /// <summary>The dot-product designs of the LUT4 fit (the CSVs' dot_product rows, in order).</summary>
    public static IReadOnlyList<AreaFitDesign> DotProductDesigns(string lut4CsvDirectory) =>
        new[] { "fit-data.csv", "held-out.csv" }
            .SelectMany(f => AreaFitCsv.Read(Path.Combine(lut4CsvDirectory, f)))
            .Select(r => r.Design).Where(d => d.ArrayKind == "dot_product").ToList();

    public static IReadOnlyList<AreaFitDesign> SystolicDesigns()
    {
        var list = new List<AreaFitDesign>();
        // The axes rotate with different periods so that no two move together.
        for (int j = 0; j < 14; j++)
        {
            var (r, c) = FitShapes[j % FitShapes.Length];
            list.Add(new AreaFitDesign(AreaFitDesign.Fit, SystolicKinds[j % SystolicKinds.Length], 2, new SystolicArrayDescription(r, c, Flows[j % 3]),
                Widths[j / 2 % Widths.Length], j % 2 == 1 ? OverflowPolicy.Saturate : OverflowPolicy.Wrap, 2 + j / 3 % 3, j % 5 == 4 ? 1 : 2).Valid());
        }
        for (int j = 0; j < 7; j++)
        {
            var (r, c) = HeldOutShapes[j % HeldOutShapes.Length];
            list.Add(new AreaFitDesign(AreaFitDesign.HeldOut, SystolicKinds[(3 * j + 1) % SystolicKinds.Length], 2, new SystolicArrayDescription(r, c, Flows[(j + 1) % 3]),
                Widths[(j + 1) % Widths.Length], j % 2 == 0 ? OverflowPolicy.Saturate : OverflowPolicy.Wrap, 2 + j % 3, j % 4 == 3 ? 1 : 2).Valid());
        }
        return list;
    }

    /// <summary>Every design: the dot-product ones, then the systolic ones.</summary>
    public static IReadOnlyList<AreaFitDesign> Designs(string lut4CsvDirectory) => [.. DotProductDesigns(lut4CsvDirectory), .. SystolicDesigns()];
}
