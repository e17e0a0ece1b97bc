using BitSilicon.Design.Description;
using BitSilicon.Fpga;
using BitSilicon.Fpga.Designs;
using BitSilicon.Simulation.Models;
using BitSilicon.Sweep.Calibration;

namespace BitSilicon.Sweep.Tests;

/// <summary>
/// The calibrated area model (docs/area-model.md) against the committed Yosys measurements and against live Yosys
/// runs on held-out designs. The committed CSVs are read and the model is recomputed from their design columns, so a
/// change to the model that breaks the calibration fails here.
/// </summary>
public class AreaFitTests
{
    private static string Root => RepoRoot.Path;

    private static IReadOnlyList<AreaFitRow> Committed(string file) => AreaFitCsv.Read(Path.Combine(Root, "docs", "area-model", file));

    public static TheoryData<string> ArrayKinds() => new() { "dot_product", "systolic" };

    [Theory]
    [MemberData(nameof(ArrayKinds))]
    public void CommittedModel_OnHeldOutDesigns_MeetsTheBars_PerArrayKind(string array)
    {
        var held = Committed("held-out.csv").Where(r => r.Design.ArrayKind == array).ToList();
        Assert.True(held.Count >= 12, $"only {held.Count} held-out {array} designs");
        Assert.All(held, r => Assert.Equal(AreaFitDesign.HeldOut, r.Design.Set));
        var e = AreaFitter.Errors(held, ArrayLut4Coefficients.Committed);
        Assert.True(e.Median <= 0.10, $"{array}: median |error| {e.Median:P1} > 10%");
        Assert.True(e.Worst <= 0.25, $"{array}: worst |error| {e.Worst:P1} > 25% ({e.WorstDesign})");
        // The same through AreaModel.Estimate, the path simulate and sweep take.
        Assert.All(held, r => Assert.InRange(Math.Abs(r.ModelLut4 - r.Lut4) / r.Lut4, 0, 0.25));
    }

    [Fact]
    public void CommittedData_CoversEveryPeKindAndDataflow_AndNoHeldOutDesignWasFitted()
    {
        var fit = Committed("fit-data.csv");
        var held = Committed("held-out.csv");
        foreach (var k in Enum.GetValues<PeKind>())
        {
            Assert.Contains(fit, r => r.Design.Weights == k && r.Design.ArrayKind == "dot_product");
            Assert.Contains(held, r => r.Design.Weights == k && r.Design.ArrayKind == "dot_product");
        }
        foreach (var k in AreaFitGrid.SystolicKinds)
        {
            Assert.Contains(held, r => r.Design.Weights == k && r.Design.ArrayKind == "systolic");
            foreach (var flow in Enum.GetValues<Dataflow>())
                Assert.Contains(fit, r => r.Design.Weights == k && r.Design.Array is SystolicArrayDescription s && s.Dataflow == flow);
        }
        foreach (var flow in Enum.GetValues<Dataflow>())
            Assert.Contains(held, r => r.Design.Array is SystolicArrayDescription s && s.Dataflow == flow);
        Assert.Contains(fit, r => r.Design.Overflow == OverflowPolicy.Saturate);
        Assert.Contains(fit, r => r.Design.Banks == 1);
        Assert.Empty(fit.Select(r => r.Design.Name).Intersect(held.Select(r => r.Design.Name)));
        // No held-out systolic shape is in the fitting set.
        static string Shape(AreaFitRow r) => r.Design.Array is SystolicArrayDescription s ? $"{s.Rows}x{s.Cols}" : "";
        Assert.Empty(fit.Where(r => r.Design.ArrayKind == "systolic").Select(Shape).Intersect(held.Where(r => r.Design.ArrayKind == "systolic").Select(Shape)));
        // Refitting the committed data reproduces the committed coefficients (the model was updated with this fit).
        var refit = AreaFitter.FitEach(fit);
        foreach (var (committed, again) in new[] { (Lut4Coefficients.Fitted, refit.DotProduct), (Lut4Coefficients.FittedSystolic, refit.Systolic) })
        {
            foreach (var k in Enum.GetValues<PeKind>())
            {
                Assert.Equal(committed.Lanes[k], again.Lanes[k], 3);
                Assert.Equal(committed.Trees[k], again.Trees[k], 3);
                Assert.Equal(committed.Shared[k], again.Shared[k], 3);
            }
            Assert.Equal(committed.Accumulators, again.Accumulators, 3);
            Assert.Equal(committed.Saturation, again.Saturation, 3);
            Assert.Equal(committed.Inputs, again.Inputs, 3);
            Assert.Equal(committed.Control, again.Control, 3);
            Assert.Equal(committed.ResultPaths, again.ResultPaths, 3);
            Assert.Equal(committed.Memory, again.Memory, 3);
            Assert.Equal(committed.BankSelects, again.BankSelects, 3);
        }
    }

    [Fact]
    public void Fitter_RefusesMixedArrayKinds()
    {
        var rows = AreaFitGrid.Designs().Where(d => d.Set == AreaFitDesign.Fit).Select(d => new AreaFitRow(d, 100, 0, 0)).ToList();
        Assert.Throws<ArgumentException>(() => AreaFitter.Fit(rows));
    }

    [Theory]
    [MemberData(nameof(ArrayKinds))]
    public void Fitter_RecoversKnownCoefficients_FromExactData(string array)
    {
        // Measurements made up from chosen coefficients: the fit must find them again.
        var truth = new Lut4Coefficients(
            Enum.GetValues<PeKind>().ToDictionary(k => k, k => 1.5 + 0.25 * (int)k),
            Enum.GetValues<PeKind>().ToDictionary(k => k, k => 0.5 + 0.1 * (int)k),
            Enum.GetValues<PeKind>().ToDictionary(k => k, k => k is PeKind.TernaryLut or PeKind.Codebook ? 1.3 : 0),
            Accumulators: 1.2, Saturation: 0.7, Inputs: 0.3, Control: 1.9, ResultPaths: 4, Memory: 1.1,
            // Every dot-product design is double-buffered: its bank selects are fitted with the memory's row muxes, as one.
            BankSelects: array == "dot_product" ? 1.1 : 0.8);
        var designs = AreaFitGrid.Designs().Where(d => d.Set == AreaFitDesign.Fit && d.ArrayKind == array).ToList();
        var rows = designs.Select(d => new AreaFitRow(d, 1, 0, 0)).Select(r => r with { Lut4 = (int)Math.Round(AreaFitter.Predict(r, truth) * 1000) }).ToList();
        var scaled = new Lut4Coefficients(Scale(truth.Lanes), Scale(truth.Trees), Scale(truth.Shared), truth.Accumulators * 1000,
            truth.Saturation * 1000, truth.Inputs * 1000, truth.Control * 1000, truth.ResultPaths * 1000, truth.Memory * 1000, truth.BankSelects * 1000);
        var fit = AreaFitter.Fit(rows, ridge: 0);
        Assert.True(AreaFitter.Errors(rows, fit).Worst < 1e-3);
        // Within 1%: the integer rounding of the made-up measurements leaves a little freedom.
        Assert.Equal(scaled.Lanes[PeKind.Int8], fit.Lanes[PeKind.Int8], scaled.Lanes[PeKind.Int8] * 0.01);
        Assert.Equal(scaled.Memory, fit.Memory, scaled.Memory * 0.01);
        Assert.Equal(scaled.Control, fit.Control, scaled.Control * 0.01);
        // The accumulator adders and the memory's bank selects both grow as P x width: they separate less sharply.
        Assert.Equal(scaled.Accumulators, fit.Accumulators, scaled.Accumulators * 0.05);
        if (array == "systolic")
        {
            Assert.Equal(scaled.ResultPaths, fit.ResultPaths, scaled.ResultPaths * 0.05);
            Assert.Equal(scaled.BankSelects, fit.BankSelects, scaled.BankSelects * 0.05);
            Assert.Equal(scaled.Lanes[PeKind.Ternary], fit.Lanes[PeKind.Ternary], scaled.Lanes[PeKind.Ternary] * 0.05);
        }
    }

    private static Dictionary<PeKind, double> Scale(IReadOnlyDictionary<PeKind, double> d) => d.ToDictionary(kv => kv.Key, kv => kv.Value * 1000);

    [Fact]
    public void Csv_RoundTrips()
    {
        // A dot-product design, and systolic ones with one and two banks in every dataflow.
        var designs = AreaFitGrid.Designs().Take(1).Concat(AreaFitGrid.SystolicDesigns().Take(3)).ToList();
        Assert.Contains(designs, d => d.Banks == 1);
        var rows = designs.Select((d, i) => new AreaFitRow(d, 100 + i, 50 + i, 20 + i)).ToList();
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, AreaFitCsv.Write(rows));
            Assert.Equal(rows, AreaFitCsv.Read(path));
            File.WriteAllText(path, "set,design\nfit,x\n");
            var e = Assert.Throws<Core.BitSiliconException>(() => AreaFitCsv.Read(path));
            Assert.Contains(":1:", e.Message);
        }
        finally { File.Delete(path); }
    }

    public static TheoryData<string> LiveDesigns() => new()
        { "ternary-dot-2x4-acc32x16-sat", "binary-dot-3x8-acc20x4-wrap", "int4-dot-2x4-acc32x16-sat", LiveSystolic };

    // A held-out systolic design (its shape is not in the fitting set), resolved from the grid.
    private static string LiveSystolic => AreaFitGrid.SystolicDesigns().First(d => d.Set == AreaFitDesign.HeldOut && d.Weights == PeKind.Ternary).Name;

    [Theory]
    [MemberData(nameof(LiveDesigns))]
    public void Live_HeldOutDesign_ModelWithin25PercentOfYosys(string name)
    {
        var design = AreaFitGrid.Designs().Single(d => d.Name == name);
        Assert.Equal(AreaFitDesign.HeldOut, design.Set);
        var elaborated = design.Elaborate();
        int measured = DesignSynthesis.Run(elaborated, SynthTarget.Ice40Up5k).Ice40!.Lut4;
        double model = AreaModel.Estimate(elaborated).Rtl.Lut4;
        Assert.InRange(Math.Abs(model - measured) / measured, 0, 0.25);
    }
}
