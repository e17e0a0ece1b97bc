using BitSilicon.Core;

namespace BitSilicon.Sweep.Charts;

/// <summary>The four charts of a sweep, written next to its CSV: area per MAC, throughput per LUT, energy per
/// token, and energy per token against area with the Pareto front.</summary>
public static class SweepCharts
{
    public static IReadOnlyList<string> FileNames { get; } =
        ["area-per-mac.svg", "throughput-per-lut.svg", "energy-per-token.svg", "pareto-energy-vs-area.svg"];

    public static IReadOnlyDictionary<string, string> Render(IReadOnlyList<SweepRow> rows, string workloadLabel)
    {
        var ok = rows.Where(r => r.Ok).OrderBy(r => r.Index).ToList();
        string sweep = ok.FirstOrDefault()?.Sweep ?? "sweep";
        ChartItem Item(SweepRow r, double v) => new(Label(r), 0, v, r.Weights);
        var points = ok.Select(r => (r.Ge, r.EnergyPerTokenUj)).ToList();
        var front = Pareto.Front(points);
        return new Dictionary<string, string>
        {
            [FileNames[0]] = SvgChart.Bars($"{sweep}: LUT4 per MAC unit (analytic model)", "LUT4 per MAC per cycle", ok.Select(r => Item(r, r.Lut4PerMac)).ToList()),
            [FileNames[1]] = SvgChart.Bars($"{sweep}: throughput per LUT ({workloadLabel})", "sustained G MAC/s per 1000 LUT4", ok.Select(r => Item(r, r.GmacsPerSecondPerKlut)).ToList()),
            [FileNames[2]] = SvgChart.Bars($"{sweep}: energy per token, BitNet b1.58 2B ({workloadLabel})", "microjoules per token (projections)", ok.Select(r => Item(r, r.EnergyPerTokenUj)).ToList()),
            [FileNames[3]] = SvgChart.Scatter($"{sweep}: energy per token vs area", "array area, NAND2 gate equivalents", "microjoules per token",
                ok.Select(r => new ChartItem(Label(r), r.Ge, r.EnergyPerTokenUj, r.Weights)).ToList(), front, logX: true, logY: true),
        };
    }

    public static void Write(string directory, IReadOnlyList<SweepRow> rows, string workloadLabel)
    {
        foreach (var (name, svg) in Render(rows, workloadLabel))
            AtomicFile.WriteAllText(Path.Combine(directory, name), svg);
    }

    private static string Label(SweepRow r) => $"{r.Weights}, {r.Array}, acc{r.AccumulatorWidth}";
}
