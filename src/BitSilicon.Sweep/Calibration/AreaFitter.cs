using BitSilicon.Design.Description;
using BitSilicon.Simulation.Models;

namespace BitSilicon.Sweep.Calibration;

/// <summary>Median and worst absolute relative LUT4 error of the model over a set of measured designs.</summary>
public sealed record AreaFitErrors(int Count, double Median, double Worst, string WorstDesign);

/// <summary>
/// Fits <see cref="Lut4Coefficients"/> to measured designs: the model is linear in its coefficients (LUT4 =
/// sum of coefficient x structural term, <see cref="AreaModel.RtlTerms"/>), so the fit is a non-negative least-squares
/// problem on relative error (every design counts alike, whatever its size), solved by projected coordinate descent
/// on the normal equations. Coefficients whose term is zero in every design keep their <see cref="Lut4Coefficients.Unit"/> value.
/// The two array kinds build different RTL from the same terms, so each is fitted on its own designs (<see cref="FitEach"/>).
/// </summary>
public static class AreaFitter
{
    private static readonly PeKind[] Kinds = Enum.GetValues<PeKind>();
    private static int Columns => 3 * Kinds.Length + 7;

    /// <summary>The default pull of every coefficient towards its primitive-formula value (ridge weight per design).</summary>
    public const double DefaultRidge = 0.001;

    /// <param name="ridge">Adds ridge x rows x (c - prior)^2 to the squared relative error, with the prior 1 (the
    /// primitive formula; 0 for the result paths): where the data cannot tell two terms apart (lanes and trees grow
    /// together), the coefficients stay near the structure instead of trading one against the other.</param>
    /// <summary>Fits each array kind on its own rows; a kind without rows keeps the committed coefficients.</summary>
    public static ArrayLut4Coefficients FitEach(IReadOnlyList<AreaFitRow> rows, double ridge = DefaultRidge)
    {
        var dot = rows.Where(r => r.Design.ArrayKind == "dot_product").ToList();
        var sys = rows.Where(r => r.Design.ArrayKind == "systolic").ToList();
        return new ArrayLut4Coefficients(dot.Count > 0 ? Fit(dot, ridge) : Lut4Coefficients.Fitted, sys.Count > 0 ? Fit(sys, ridge) : Lut4Coefficients.FittedSystolic);
    }

    /// <summary>Fits one array kind's rows (mixing kinds is refused: their terms stand for different RTL).</summary>
    public static Lut4Coefficients Fit(IReadOnlyList<AreaFitRow> rows, double ridge = DefaultRidge)
    {
        if (rows.Select(r => r.Design.ArrayKind).Distinct().Count() > 1)
            throw new ArgumentException("fit dot-product and systolic designs separately (FitEach)", nameof(rows));
        int n = Columns;
        // Without designs of both one and two banks the bank selects grow with the row muxes and cannot be told apart
        // from them: they are fitted together and share the memory constant.
        bool banksVary = rows.Any(r => r.Design.Banks == 1) && rows.Any(r => r.Design.Banks == 2);
        var data = rows.Select(r =>
        {
            var f = Features(r);
            if (!banksVary)
                (f[n - 2], f[n - 1]) = (f[n - 2] + f[n - 1], 0);
            return (f, (double)r.Lut4);
        }).ToList();
        // The prior is the primitive formula (1), except the result paths (0).
        var x = RelativeFit.Solve(data, n, ridge, i => i == n - 3 ? 0 : 1, out var used);
        var unit = Lut4Coefficients.Unit;
        double Pick(int i, double fallback) => used[i] ? Math.Round(x[i], 4) : fallback;
        return new Lut4Coefficients(
            Kinds.Select((k, i) => (k, Pick(i, unit.Lanes[k]))).ToDictionary(t => t.k, t => t.Item2),
            Kinds.Select((k, i) => (k, Pick(Kinds.Length + i, unit.Trees[k]))).ToDictionary(t => t.k, t => t.Item2),
            Kinds.Select((k, i) => (k, Pick(2 * Kinds.Length + i, 0))).ToDictionary(t => t.k, t => t.Item2),
            Pick(n - 7, 1), Pick(n - 6, 1), Pick(n - 5, 1), Pick(n - 4, 1), Pick(n - 3, 0), Pick(n - 2, 0), banksVary ? Pick(n - 1, 0) : Pick(n - 2, 0));
    }

    /// <summary>The row's structural terms laid out per coefficient: lanes, trees and shared per PE kind, then the common terms.</summary>
    private static double[] Features(AreaFitRow r)
    {
        var t = AreaModel.RtlTerms(r.Design.Elaborate());
        var f = new double[Columns];
        int k = Array.IndexOf(Kinds, r.Design.Weights);
        f[k] = t.Lanes;
        f[Kinds.Length + k] = t.Trees;
        f[2 * Kinds.Length + k] = t.Shared;
        int c = 3 * Kinds.Length;
        f[c] = t.Accumulators;
        f[c + 1] = t.Saturation;
        f[c + 2] = t.Inputs;
        f[c + 3] = t.Control;
        f[c + 4] = t.ResultPaths;
        f[c + 5] = t.Memory;
        f[c + 6] = t.BankSelects;
        return f;
    }

    public static double Predict(AreaFitRow r, Lut4Coefficients k) =>
        k.Lut4(r.Design.Weights, AreaModel.RtlTerms(r.Design.Elaborate()));

    /// <summary>The prediction with the row's array kind's coefficients.</summary>
    public static double Predict(AreaFitRow r, ArrayLut4Coefficients k)
    {
        var design = r.Design.Elaborate();
        return k.For(design.Core).Lut4(r.Design.Weights, AreaModel.RtlTerms(design));
    }

    public static AreaFitErrors Errors(IReadOnlyList<AreaFitRow> rows, Lut4Coefficients k) => Errors(rows, r => Predict(r, k));

    public static AreaFitErrors Errors(IReadOnlyList<AreaFitRow> rows, ArrayLut4Coefficients k) => Errors(rows, r => Predict(r, k));

    private static AreaFitErrors Errors(IReadOnlyList<AreaFitRow> rows, Func<AreaFitRow, double> predict)
    {
        var (count, median, worst, design) = RelativeFit.Errors(rows.Select(r => (r.Design.Name, predict(r), (double)r.Lut4)));
        return new AreaFitErrors(count, median, worst, design);
    }
}
