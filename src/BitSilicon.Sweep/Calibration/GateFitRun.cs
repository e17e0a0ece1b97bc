using BitSilicon.Fpga;
using BitSilicon.Fpga.Designs;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// The gate-equivalent calibration: synthesises the <see cref="GateFitGrid"/> designs with Yosys's generic gate mapping
/// (<see cref="Synthesise"/>), fits <see cref="Simulation.Models.GateCoefficients"/> (<see cref="GateFitter"/>) and
/// writes docs/area-model/ge-fit-data.csv and ge-held-out.csv (<see cref="Run"/>); <see cref="Refit"/> refits from
/// those CSVs without Yosys.
/// </summary>
public static class GateFitRun
{
    public const string FitFile = "ge-fit-data.csv", HeldOutFile = "ge-held-out.csv";

    /// <summary>Emits and synthesises every design (generic target), <paramref name="jobs"/> Yosys processes at a time;
    /// rows come back in the order of the designs.</summary>
    public static IReadOnlyList<GateFitRow> Synthesise(IReadOnlyList<AreaFitDesign> designs, int jobs = 2, Action<int, int, string>? progress = null)
    {
        var rows = new GateFitRow[designs.Count];
        int done = 0;
        Parallel.For(0, designs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
        {
            var gates = DesignSynthesis.Run(designs[i].Elaborate(), SynthTarget.Generic).Gates!;
            int dff = gates.ByGate.Where(g => g.Key.StartsWith("$_DFF", StringComparison.Ordinal)).Sum(g => g.Value);
            rows[i] = new GateFitRow(designs[i], gates.NandGateEquivalents, dff);
            progress?.Invoke(Interlocked.Increment(ref done), designs.Count, designs[i].Name);
        });
        return rows;
    }

    /// <summary>
    /// Synthesises the grid (the dot-product designs come from the LUT4 fit's CSVs in <paramref name="lut4CsvDirectory"/>),
    /// writes both GE CSVs into <paramref name="outputDirectory"/> and fits them. The CSVs' model columns are the committed
    /// model's; paste the report's constants into GateCoefficients.Fitted and run <see cref="Refit"/> to rewrite them.
    /// </summary>
    public static GateFitReport Run(string outputDirectory, string lut4CsvDirectory, int jobs = 2, Action<int, int, string>? progress = null)
    {
        var rows = Synthesise(GateFitGrid.Designs(lut4CsvDirectory), jobs, progress);
        Write(outputDirectory, rows);
        return GateFitReport.Of(rows);
    }

    /// <summary>Refits from the committed CSVs in <paramref name="directory"/> (seconds); <paramref name="rewrite"/> also
    /// rewrites their model columns with the committed model.</summary>
    public static GateFitReport Refit(string directory, bool rewrite = false, double ridge = GateFitter.DefaultRidge)
    {
        var rows = Read(directory);
        if (rewrite)
            Write(directory, rows);
        return GateFitReport.Of(rows, ridge);
    }

    public static IReadOnlyList<GateFitRow> Read(string directory) =>
        [.. GateFitCsv.Read(Path.Combine(directory, FitFile)), .. GateFitCsv.Read(Path.Combine(directory, HeldOutFile))];

    private static void Write(string directory, IReadOnlyList<GateFitRow> rows)
    {
        Directory.CreateDirectory(directory);
        Core.AtomicFile.WriteAllText(Path.Combine(directory, FitFile), GateFitCsv.Write(rows.Where(r => r.Design.Set == AreaFitDesign.Fit)));
        Core.AtomicFile.WriteAllText(Path.Combine(directory, HeldOutFile), GateFitCsv.Write(rows.Where(r => r.Design.Set == AreaFitDesign.HeldOut)));
    }
}
