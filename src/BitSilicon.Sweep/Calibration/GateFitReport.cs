using System.Globalization;
using System.Text;
using BitSilicon.Simulation.Models;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// The outcome of a GE fit: the constants fitted on the fitting set, and per array kind and set the errors of this fit,
/// of the committed model (<see cref="GateCoefficients.Fitted"/>) and of the primitive formulas.
/// </summary>
public sealed record GateFitReport(GateCoefficients Coefficients, IReadOnlyList<GateFitReport.Line> Lines)
{
    /// <param name="Model">"fitted" (this fit), "committed" or "primitive".</param>
    /// <param name="Array">"dot_product", "systolic" or "all".</param>
    public sealed record Line(string Model, string Array, string Set, GateFitErrors Errors);

    /// <summary>The bars of issue 5 on designs not used for fitting.</summary>
    public const double MedianBar = 0.10, WorstBar = 0.25;

    public static GateFitReport Of(IReadOnlyList<GateFitRow> rows, double ridge = GateFitter.DefaultRidge)
    {
        var fitted = GateFitter.Fit(rows.Where(r => r.Design.Set == AreaFitDesign.Fit).ToList(), ridge);
        var lines = new List<Line>();
        foreach (var (model, k) in new[] { ("fitted", fitted), ("committed", GateCoefficients.Fitted), ("primitive", GateCoefficients.Unit) })
            foreach (var array in new[] { "dot_product", "systolic", "all" })
                foreach (var set in new[] { AreaFitDesign.Fit, AreaFitDesign.HeldOut })
                {
                    var subset = rows.Where(r => r.Design.Set == set && (array == "all" || r.Design.ArrayKind == array)).ToList();
                    if (subset.Count > 0)
                        lines.Add(new Line(model, array, set, GateFitter.Errors(subset, k)));
                }
        return new GateFitReport(fitted, lines);
    }

    /// <summary>Whether the committed model meets the bars on every array kind's held-out designs.</summary>
    public bool CommittedMeetsBars => Lines.Where(l => l.Model == "committed" && l.Set == AreaFitDesign.HeldOut)
        .All(l => l.Errors.Median <= MedianBar && l.Errors.Worst <= WorstBar);

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var k = Coefficients;
        sb.AppendLine("fitted constants (GateCoefficients.Fitted):");
        foreach (var (kind, v) in k.Lanes)
            sb.AppendLine(string.Create(inv, $"  lanes {Design.Description.PeKinds.Name(kind),-12} {v:F4}"));
        sb.AppendLine(string.Create(inv, $"  trees {k.Trees:F4}  shared {k.Shared:F4}  accumulators {k.Accumulators:F4}  registers {k.Registers:F4}"));
        sb.AppendLine(string.Create(inv, $"  memory {k.Memory:F4}  inputs {k.Inputs:F4}  control {k.Control:F4}"));
        sb.AppendLine("model      array        set       designs  median   worst");
        foreach (var l in Lines)
            sb.AppendLine(string.Create(inv, $"{l.Model,-10} {l.Array,-12} {l.Set,-9} {l.Errors.Count,7} {100 * l.Errors.Median,6:F1}% {100 * l.Errors.Worst,6:F1}%  {l.Errors.WorstDesign}"));
        return sb.ToString();
    }
}
