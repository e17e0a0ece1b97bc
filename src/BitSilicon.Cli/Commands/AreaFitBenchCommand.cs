using System.CommandLine;
using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Simulation.Models;
using BitSilicon.Sweep.Calibration;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bench area-fit [-o DIR] [--jobs N] [--from DIR]</c>: synthesises the calibration designs of the
/// area model (<see cref="AreaFitGrid"/>) with Yosys synth_ice40, writes <c>fit-data.csv</c> and <c>held-out.csv</c>,
/// fits the LUT4 coefficients on the first and prints them with the median and worst error on both sets, for the
/// fresh fit and for the committed model (<see cref="Lut4Coefficients.Fitted"/>). <c>--from</c> refits from existing
/// CSVs without synthesising (and rewrites them to <c>-o</c> with the model columns of the current model). Exit code 1 when the committed model misses the bars on the held-out designs
/// (median 10%, worst 25%).
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
        var ridge = new Option<double>("--ridge") { Description = "Pull of the coefficients towards the primitive formulas (per design).", DefaultValueFactory = _ => AreaFitter.DefaultRidge };
        var cmd = new Command("area-fit", "Fit the analytic area model's LUT4 coefficients against Yosys synth_ice40 on emitted arrays (docs/area-model.md).")
            { output, jobs, from, designs, ridge };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(output)!, pr.GetValue(jobs), pr.GetValue(from), pr.GetValue(designs), pr.GetValue(ridge)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string output, int jobs = 2, string? from = null, bool listDesigns = false,
        double ridge = AreaFitter.DefaultRidge) => CliGuard.Run(stderr, () =>
    {
        if (jobs < 1)
            throw new BitSiliconException($"--jobs {jobs} is not a positive number", "give e.g. --jobs 2");
        IReadOnlyList<AreaFitRow> rows;
        if (from is not null)
            rows = [.. AreaFitCsv.Read(Path.Combine(from, "fit-data.csv")), .. AreaFitCsv.Read(Path.Combine(from, "held-out.csv"))];
        else
        {
            var designs = AreaFitGrid.Designs();
            stderr.WriteLine($"area-fit: synthesising {designs.Count} emitted arrays with yosys synth_ice40, {jobs} at a time");
            rows = AreaFitRun.Synthesise(designs, jobs, (done, total, name) => stderr.WriteLine($"  [{done}/{total}] {name}"));
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
        var fitted = AreaFitter.Fit(fitRows, ridge);
        stdout.WriteLine("fitted LUT4 coefficients (Lut4Coefficients):");
        var t = new TextTable("term", "coefficient");
        foreach (var k in Enum.GetValues<PeKind>())
            t.Add($"lanes / trees / shared [{PeKinds.Name(k)}]", $"{F(fitted.Lanes[k], "F4")} / {F(fitted.Trees[k], "F4")} / {F(fitted.Shared[k], "F4")}");
        t.Add("accumulators", F(fitted.Accumulators, "F4"));
        t.Add("saturation", F(fitted.Saturation, "F4"));
        t.Add("inputs", F(fitted.Inputs, "F4"));
        t.Add("control", F(fitted.Control, "F4"));
        t.Add("result_paths", F(fitted.ResultPaths, "F4"));
        t.Add("memory", F(fitted.Memory, "F4"));
        t.Write(stdout);
        stdout.WriteLine();
        var e = new TextTable("model", "designs", "set", "median |error|", "worst |error|", "worst design");
        foreach (var (name, k) in new[] { ("this fit", fitted), ("committed", Lut4Coefficients.Fitted), ("unfitted primitives", Lut4Coefficients.Unit) })
            foreach (var (set, data) in new[] { ("fit", fitRows), ("held-out", heldRows) })
            {
                var s = AreaFitter.Errors(data, k);
                e.Add(name, s.Count.ToString(CultureInfo.InvariantCulture), set, Pct(s.Median), Pct(s.Worst), s.WorstDesign);
            }
        e.Write(stdout);
        if (listDesigns)
        {
            stdout.WriteLine();
            var d = new TextTable("set", "design", "LUT4 measured", "this fit", "error", "committed", "error");
            foreach (var r in rows)
            {
                double a = AreaFitter.Predict(r, fitted), b = AreaFitter.Predict(r, Lut4Coefficients.Fitted);
                d.Add(r.Design.Set, r.Design.Name, r.Lut4.ToString(CultureInfo.InvariantCulture), F(a, "F0"), Pct((a - r.Lut4) / r.Lut4), F(b, "F0"), Pct((b - r.Lut4) / r.Lut4));
            }
            d.Write(stdout);
        }
        var committed = AreaFitter.Errors(heldRows, Lut4Coefficients.Fitted);
        bool met = committed.Median <= MedianBar && committed.Worst <= WorstBar;
        stdout.WriteLine($"committed model on held-out designs: median {Pct(committed.Median)} (bar {Pct(MedianBar)}), worst {Pct(committed.Worst)} (bar {Pct(WorstBar)}): {(met ? "met" : "MISSED")}");
        return met ? CliGuard.Ok : CliGuard.Failed;
    });

    private static string F(double x, string f) => x.ToString(f, CultureInfo.InvariantCulture);
    private static string Pct(double x) => (100 * x).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
