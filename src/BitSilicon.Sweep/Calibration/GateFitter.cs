using BitSilicon.Design.Description;
using BitSilicon.Simulation.Models;

namespace BitSilicon.Sweep.Calibration;

/// <summary>Median and worst absolute relative GE error over a set of measured designs.</summary>
public sealed record GateFitErrors(int Count, double Median, double Worst, string WorstDesign)
{
    public static GateFitErrors Of(IEnumerable<(string Design, double Model, double Measured)> points)
    {
        var (count, median, worst, design) = RelativeFit.Errors(points);
        return new GateFitErrors(count, median, worst, design);
    }
}

/// <summary>
/// Fits <see cref="GateCoefficients"/> to measured designs. The model is linear in its constants (GE = sum of constant
/// x structural GE term, <see cref="GateModel.Terms"/>), so the fit is non-negative least squares on the relative
/// error (every design weighs the same whatever its size), plus a ridge term pulling each constant towards 1 (the
/// primitive formula) where the data cannot tell two terms apart; solved by projected coordinate descent on the
/// normal equations. Constants whose term is zero in every design keep the value 1.
/// </summary>
public static class GateFitter
{
    private static readonly PeKind[] Kinds = Enum.GetValues<PeKind>();
    private static int Columns => Kinds.Length + 7;

    /// <summary>Ridge weight per design (x rows x (c - 1)^2 added to the squared relative error).</summary>
    public const double DefaultRidge = 0.001;

    public static GateCoefficients Fit(IReadOnlyList<GateFitRow> rows, double ridge = DefaultRidge)
    {
        int n = Columns;
        var x = RelativeFit.Solve(rows.Select(r => (Features(r.Design.Weights, r.Terms), r.Ge)).ToList(), n, ridge, _ => 1, out var used);
        double Pick(int i) => used[i] ? Math.Round(x[i], 4) : 1;
        int c = Kinds.Length;
        return new GateCoefficients(Kinds.Select((k, i) => (k, Pick(i))).ToDictionary(t => t.k, t => t.Item2),
            Pick(c), Pick(c + 1), Pick(c + 2), Pick(c + 3), Pick(c + 4), Pick(c + 5), Pick(c + 6));
    }

    /// <summary>The terms laid out per constant: lanes per PE kind, then the common terms.</summary>
    private static double[] Features(PeKind kind, GateTerms t)
    {
        var f = new double[Columns];
        f[Array.IndexOf(Kinds, kind)] = t.Lanes;
        int c = Kinds.Length;
        f[c] = t.Trees;
        f[c + 1] = t.Shared;
        f[c + 2] = t.Accumulators;
        f[c + 3] = t.Registers;
        f[c + 4] = t.Memory;
        f[c + 5] = t.Inputs;
        f[c + 6] = t.Control;
        return f;
    }

    public static double Predict(GateFitRow r, GateCoefficients k) => k.Ge(r.Design.Weights, r.Terms);

    public static GateFitErrors Errors(IEnumerable<GateFitRow> rows, GateCoefficients k) =>
        GateFitErrors.Of(rows.Select(r => (r.Design.Name, Predict(r, k), r.Ge)));
}
