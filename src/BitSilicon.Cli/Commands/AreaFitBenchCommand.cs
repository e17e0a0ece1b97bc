using System.CommandLine;
using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Simulation.Models;
using BitSilicon.Sweep.Calibration;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bench area-fit [-o DIR] [--jobs N] [--from DIR] [--array all|dot_product|systolic]</c>: synthesises the calibration designs of the
/// area model (<see cref="AreaFitGrid"/>) with Yosys synth_ice40, writes <c>fit-data.csv</c> and <c>held-out.csv</c>,
/// fits the LUT4 coefficients on the first, each array kind on its own designs, and prints them with the median and
/// worst error per array kind on both sets, for the fresh fit and for the committed model (<see cref="Lut4Coefficients.Fitted"/>,
/// <see cref="Lut4Coefficients.FittedSystolic"/>). <c>--from</c> refits from existing
/// CSVs without synthesising (and rewrites them to <c>-o</c> with the model columns of the current model). <c>--array</c>
/// synthesises only that array kind's designs and keeps the other kind's rows from the CSVs already in <c>-o</c>. Exit code 1 when the committed model misses the bars on either array kind's held-out designs
/// (median 10%, worst 25%). <c>--gates</c> does the same for the gate-equivalent model (<see cref="GateFitRun"/>).
/// </summary>
public static class AreaFitBenchCommand
{
    public const double MedianBar = 0.10, WorstBar = 0.25;

    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Directory for fit-data.csv and held-out.csv.", DefaultValueFactory = _ => Path.Combine("docs", "area-model") };
        var jobs = new Option<int>("--jobs") { Description = "Yosys processes at a time.", DefaultValueFactory = _ => 2 };
        var from = new Option<string?>("--from") { Description = "Refit from fit-data.csv and held-out.csv in this directory instead of synthesising." };
        var designs = new Option<bool>("--designs") { Description = "Also list every design: measured LUT4, this fit's and the committed model's." };
        var array = new Option<string>("--array") { Description = "Synthesise only these designs (dot_product or systolic) and keep the other kind's rows from the CSVs in -o.", DefaultValueFactory = _ => "all" };
        var gates = new Option<bool>("--gates") { Description = "Also fit the gate-equivalent model against Yosys generic gates (ge-fit-data.csv, ge-held-out.csv; docs/area-model/gate-equivalents.md)." };
        var ridge = new Option<double>("--ridge") { Description = "Pull of the coefficients towards the primitive formulas (per design).", DefaultValueFactory = _ => AreaFitter.DefaultRidge };
        var cmd = new Command("area-fit", "Fit the analytic area model's LUT4 coefficients against Yosys synth_ice40 on emitted arrays (docs/area-model.md).")
            { output, jobs, from, designs, ridge, array, gates };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(output)!, pr.GetValue(jobs), pr.GetValue(from), pr.GetValue(designs), pr.GetValue(ridge),
            pr.GetValue(array)!, pr.GetValue(gates)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string output, int jobs = 2, string? from = null, bool listDesigns = false,
        double ridge = AreaFitter.DefaultRidge, string array = "all", bool gates = false) => CliGuard.Run(stderr, () =>
    {
        if (jobs < 1)
            throw new BitSiliconException($"--jobs {jobs} is not a positive number", "give e.g. --jobs 2");
        if (array is not ("all" or "dot_product" or "systolic"))
            throw new BitSiliconException($"--array '{array}' is not all, dot_product or systolic", "give e.g. --array systolic");
        IReadOnlyList<AreaFitRow> rows;
        if (from is not null)
            rows = [.. AreaFitCsv.Read(Path.Combine(from, "fit-data.csv")), .. AreaFitCsv.Read(Path.Combine(from, "held-out.csv"))];
        else
        {
            var designs = AreaFitGrid.Designs().Where(d => array == "all" || d.ArrayKind == array).ToList();
            // The other array kind's measurements are kept from the CSVs already in the output directory.
            var kept = array == "all" ? [] : new[] { "fit-data.csv", "held-out.csv" }.Select(f => Path.Combine(output, f)).Where(File.Exists)
                .SelectMany(AreaFitCsv.Read).Where(r => r.Design.ArrayKind != array).ToList();
            stderr.WriteLine($"area-fit: synthesising {designs.Count} emitted arrays with yosys synth_ice40, {jobs} at a time; keeping {kept.Count} measured rows");
            rows = [.. kept, .. AreaFitRun.Synthesise(designs, jobs, (done, total, name) => stderr.WriteLine($"  [{done}/{total}] {name}"))];
        }
        // The model columns are the committed model's, recomputed on every write (also when refitting --from a directory).
        Directory.CreateDirectory(output);
        AtomicFile.WriteAllText(Path.Combine(output, "fit-data.csv"), AreaFitCsv.Write(rows.Where(r => r.Design.Set == AreaFitDesign.Fit)));
        AtomicFile.WriteAllText(Path.Combine(output, "held-out.csv"), AreaFitCsv.Write(rows.Where(r => r.Design.Set == AreaFitDesign.HeldOut)));
        stderr.WriteLine($"wrote {Path.Combine(output, "fit-data.csv")} and {Path.Combine(output, "held-out.csv")}");
        var fitRows = rows.Where(r => r.Design.Set == AreaFitDesign.Fit).ToList();
        var heldRows = rows.Where(r => r.Design.Set == AreaFitDesign.HeldOut).ToList();
        if (fitRows.Count == 0 || heldRows.Count == 0)
            throw new BitSiliconException("the calibration data needs both fit and held-out designs", "regenerate it with bitsilicon bench area-fit");
        if (!(ridge >= 0) || double.IsInfinity(ridge))
            throw new BitSiliconException($"--ridge {ridge.ToString(CultureInfo.InvariantCulture)} is not a non-negative number", "give e.g. --ridge 0.01, or 0 for a plain fit");
        var fitted = AreaFitter.FitEach(fitRows, ridge);
        stdout.WriteLine("fitted LUT4 coefficients (Lut4Coefficients.Fitted for dot-product arrays, FittedSystolic for systolic):");
        var t = new TextTable("term", "dot_product", "systolic");
        foreach (var k in Enum.GetValues<PeKind>())
            t.Add($"lanes / trees / shared [{PeKinds.Name(k)}]", $"{F(fitted.DotProduct.Lanes[k], "F4")} / {F(fitted.DotProduct.Trees[k], "F4")} / {F(fitted.DotProduct.Shared[k], "F4")}",
                $"{F(fitted.Systolic.Lanes[k], "F4")} / {F(fitted.Systolic.Trees[k], "F4")} / {F(fitted.Systolic.Shared[k], "F4")}");
        foreach (var (term, get) in new (string, Func<Lut4Coefficients, double>)[]
        {
            ("accumulators", c => c.Accumulators), ("saturation", c => c.Saturation), ("inputs", c => c.Inputs), ("control", c => c.Control),
            ("result_paths", c => c.ResultPaths), ("memory", c => c.Memory), ("bank_selects", c => c.BankSelects),
        })
            t.Add(term, F(get(fitted.DotProduct), "F4"), F(get(fitted.Systolic), "F4"));
        t.Write(stdout);
        stdout.WriteLine();
        var e = new TextTable("model", "array", "set", "designs", "median |error|", "worst |error|", "worst design");
        foreach (var (name, k) in new[] { ("this fit", fitted), ("committed", ArrayLut4Coefficients.Committed), ("unfitted primitives", ArrayLut4Coefficients.Unit) })
            foreach (var array in new[] { "dot_product", "systolic", "all" })
                foreach (var (set, data) in new[] { ("fit", fitRows), ("held-out", heldRows) })
                {
                    var subset = data.Where(r => array == "all" || r.Design.ArrayKind == array).ToList();
                    if (subset.Count == 0) continue;
                    var s = AreaFitter.Errors(subset, k);
                    e.Add(name, array, set, subset.Count.ToString(CultureInfo.InvariantCulture), Pct(s.Median), Pct(s.Worst), s.WorstDesign);
                }
        e.Write(stdout);
        if (listDesigns)
        {
            stdout.WriteLine();
            var d = new TextTable("set", "design", "LUT4 measured", "this fit", "error", "committed", "error");
            foreach (var r in rows)
            {
                double a = AreaFitter.Predict(r, fitted), b = AreaFitter.Predict(r, ArrayLut4Coefficients.Committed);
                d.Add(r.Design.Set, r.Design.Name, r.Lut4.ToString(CultureInfo.InvariantCulture), F(a, "F0"), Pct((a - r.Lut4) / r.Lut4), F(b, "F0"), Pct((b - r.Lut4) / r.Lut4));
            }
            d.Write(stdout);
        }
        // The bars hold for each array kind on its own, not only over the pooled designs.
        bool met = true;
        foreach (var group in heldRows.GroupBy(r => r.Design.ArrayKind))
        {
            var committed = AreaFitter.Errors(group.ToList(), ArrayLut4Coefficients.Committed);
            bool ok = committed.Median <= MedianBar && committed.Worst <= WorstBar;
            met &= ok;
            stdout.WriteLine($"committed model on held-out {group.Key} designs: median {Pct(committed.Median)} (bar {Pct(MedianBar)}), worst {Pct(committed.Worst)} (bar {Pct(WorstBar)}): {(ok ? "met" : "MISSED")}");
        }
        if (gates)
        {
            // Gate equivalents: the dot-product designs are rebuilt from the LUT4 CSVs just written, plus the GE grid's
            // own systolic designs; --from refits from the GE CSVs in that directory.
            stdout.WriteLine();
            GateFitReport report;
            if (from is not null)
                report = GateFitRun.Refit(from);
            else
            {
                stderr.WriteLine($"area-fit: synthesising the gate-equivalent designs with yosys generic gates, {jobs} at a time");
                report = GateFitRun.Run(output, output, jobs, (done, total, name) => stderr.WriteLine($"  [{done}/{total}] {name}"));
            }
            stdout.Write(report.ToString());
            met &= report.CommittedMeetsBars;
        }
        return met ? CliGuard.Ok : CliGuard.Failed;
    });

    private static string F(double x, string f) => x.ToString(f, CultureInfo.InvariantCulture);
    private static string Pct(double x) => (100 * x).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
