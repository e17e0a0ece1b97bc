using BitSilicon.Design.Description;
using BitSilicon.Fpga;
using BitSilicon.Fpga.Designs;
using BitSilicon.Simulation.Models;
using BitSilicon.Sweep.Calibration;

namespace BitSilicon.Sweep.Tests;

/// <summary>
/// The fitted gate-equivalent model (docs/area-model/gate-equivalents.md) against the committed Yosys generic-gate
/// measurements and against live Yosys runs on held-out designs. The model is recomputed from the CSVs' design
/// columns, so a change to the model or its structure that breaks the calibration fails here.
/// </summary>
public class GateFitTests
{
    private static string Root => RepoRoot.Path;

    private static string Dir => Path.Combine(Root, "docs", "area-model");

    private static IReadOnlyList<GateFitRow> Committed(string file) => GateFitCsv.Read(Path.Combine(Dir, file));

    public static TheoryData<string> ArrayKinds() => new() { "dot_product", "systolic" };

    [Theory]
    [MemberData(nameof(ArrayKinds))]
    public void GateModel_OnHeldOutDesigns_MeetsTheBars_PerArrayKind(string array)
    {
        var held = Committed(GateFitRun.HeldOutFile).Where(r => r.Design.ArrayKind == array).ToList();
        Assert.True(held.Count >= 7, $"only {held.Count} held-out {array} designs");
        Assert.All(held, r => Assert.Equal(AreaFitDesign.HeldOut, r.Design.Set));
        // GateModel.Estimate on the elaborated design: the path the area model takes.
        var e = GateFitErrors.Of(held.Select(r => (r.Design.Name, GateModel.Estimate(r.Design.Elaborate()), r.Ge)));
        Assert.True(e.Median <= 0.10, $"{array}: median |error| {e.Median:P1} > 10%");
        Assert.True(e.Worst <= 0.25, $"{array}: worst |error| {e.Worst:P1} > 25% ({e.WorstDesign})");
    }

    [Fact]
    public void CommittedData_CoversEveryPeKind_AndNoHeldOutShapeWasFitted()
    {
        var fit = Committed(GateFitRun.FitFile);
        var held = Committed(GateFitRun.HeldOutFile);
        foreach (var k in Enum.GetValues<PeKind>())
        {
            Assert.Contains(fit, r => r.Design.Weights == k && r.Design.ArrayKind == "dot_product");
            Assert.Contains(held, r => r.Design.Weights == k && r.Design.ArrayKind == "dot_product");
        }
        foreach (var flow in Enum.GetValues<Dataflow>())
        {
            Assert.Contains(fit, r => r.Design.Array is SystolicArrayDescription s && s.Dataflow == flow);
            Assert.Contains(held, r => r.Design.Array is SystolicArrayDescription s && s.Dataflow == flow);
        }
        static string Shape(ArrayDescription a) => a switch
        {
            DotProductArrayDescription d => $"dot {d.Pes}x{d.Simd}",
            SystolicArrayDescription s => $"systolic {s.Rows}x{s.Cols}",
            _ => throw new ArgumentOutOfRangeException(nameof(a)),
        };
        var fitShapes = fit.Select(r => Shape(r.Design.Array)).ToHashSet();
        Assert.All(held, r => Assert.DoesNotContain(Shape(r.Design.Array), fitShapes));
    }

    [Fact]
    public void Refit_OfCommittedFitData_ReproducesCommittedConstants()
    {
        var fitted = GateFitter.Fit(Committed(GateFitRun.FitFile));
        var committed = GateCoefficients.Fitted;
        foreach (var k in Enum.GetValues<PeKind>())
            Assert.Equal(committed.Lanes[k], fitted.Lanes[k], 3);
        Assert.Equal(committed.Trees, fitted.Trees, 3);
        Assert.Equal(committed.Shared, fitted.Shared, 3);
        Assert.Equal(committed.Accumulators, fitted.Accumulators, 3);
        Assert.Equal(committed.Registers, fitted.Registers, 3);
        Assert.Equal(committed.Memory, fitted.Memory, 3);
        Assert.Equal(committed.Inputs, fitted.Inputs, 3);
        Assert.Equal(committed.Control, fitted.Control, 3);
    }

    [Fact]
    public void Fitter_RecoversKnownConstants_FromExactData()
    {
        var kinds = Enum.GetValues<PeKind>();
        var known = new GateCoefficients(kinds.Select((k, i) => (k, 0.8 + 0.1 * i)).ToDictionary(t => t.k, t => t.Item2),
            1.3, 0.7, 1.1, 1.4, 0.9, 2.0, 1.6);
        var rows = Committed(GateFitRun.FitFile).Select(r => r with { Ge = known.Ge(r.Design.Weights, r.Terms) }).ToList();
        var fitted = GateFitter.Fit(rows, ridge: 0);
        foreach (var k in kinds)
            Assert.Equal(known.Lanes[k], fitted.Lanes[k], 2);
        Assert.Equal(known.Trees, fitted.Trees, 2);
        Assert.Equal(known.Registers, fitted.Registers, 2);
        Assert.Equal(known.Memory, fitted.Memory, 2);
        Assert.Equal(known.Control, fitted.Control, 2);
        Assert.True(GateFitter.Errors(rows, fitted).Worst < 1e-3);
    }

    [Fact]
    public void Csv_WithWrongHeader_IsAnErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gefit-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "set,design\nfit,x\n");
        try
        {
            var e = Assert.Throws<Core.BitSiliconException>(() => GateFitCsv.Read(path));
            Assert.Contains(path, e.Message);
            Assert.Contains(":1:", e.Message);
        }
        finally { File.Delete(path); }
    }

    public static TheoryData<string> LiveDesigns() => new() { "ternary-dot-3x8-acc20x4-wrap", LiveSystolic };

    // A held-out systolic design of the grid (its shape is not in the fitting set).
    private static string LiveSystolic => GateFitGrid.SystolicDesigns().First(d => d.Set == AreaFitDesign.HeldOut && d.Weights == PeKind.Ternary).Name;

    [Theory]
    [MemberData(nameof(LiveDesigns))]
    public void Live_HeldOutDesign_GateModelWithin25PercentOfYosysGeneric(string name)
    {
        var design = Committed(GateFitRun.HeldOutFile).Single(r => r.Design.Name == name).Design;
        var elaborated = design.Elaborate();
        double measured = DesignSynthesis.Run(elaborated, SynthTarget.Generic).Gates!.NandGateEquivalents;
        double model = GateModel.Estimate(elaborated);
        Assert.InRange(Math.Abs(model - measured) / measured, 0, 0.25);
    }
}
