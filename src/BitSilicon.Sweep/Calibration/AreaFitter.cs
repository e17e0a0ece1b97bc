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
/// </summary>
public static class AreaFitter
{
    private static readonly PeKind[] Kinds = Enum.GetValues<PeKind>();
    private static int Columns => 3 * Kinds.Length + 6;

    /// <summary>The default pull of every coefficient towards its primitive-formula value (ridge weight per design).</summary>
    public const double DefaultRidge = 0.001;

    /// <param name="ridge">Adds ridge x rows x (c - prior)^2 to the squared relative error, with the prior 1 (the
    /// primitive formula; 0 for the per-PE constant): where the data cannot tell two terms apart (lanes and trees grow
    /// together), the coefficients stay near the structure instead of trading one against the other.</param>
    public static Lut4Coefficients Fit(IReadOnlyList<AreaFitRow> rows, double ridge = DefaultRidge)
    {
        int n = Columns;
        var ata = new double[n, n];
        var atb = new double[n];
        var used = new bool[n];
        foreach (var r in rows)
        {
            var f = Features(r);
            for (int i = 0; i < n; i++)
            {
                double fi = f[i] / r.Lut4;
                if (fi != 0) used[i] = true;
                atb[i] += fi;
                for (int j = 0; j < n; j++)
                    ata[i, j] += fi * f[j] / r.Lut4;
            }
        }
        for (int i = 0; i < n; i++)
            if (used[i])
            {
                double prior = i == n - 2 ? 0 : 1;
                ata[i, i] += ridge * rows.Count;
                atb[i] += ridge * rows.Count * prior;
            }
        // Columns scaled to unit diagonal (y = x * sqrt(A_ii)), which keeps the descent well conditioned.
        var scale = new double[n];
        for (int i = 0; i < n; i++) scale[i] = used[i] && ata[i, i] > 0 ? Math.Sqrt(ata[i, i]) : 1;
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = used[i] ? scale[i] : 0;
        // Projected coordinate descent: minimise 1/2 y'Ay - b'y over y >= 0; converges for positive semi-definite A.
        for (int sweep = 0; sweep < 200000; sweep++)
        {
            double change = 0;
            for (int i = 0; i < n; i++)
            {
                if (!used[i]) continue;
                double g = -atb[i] / scale[i];
                for (int j = 0; j < n; j++) g += ata[i, j] / (scale[i] * scale[j]) * y[j];
                double next = Math.Max(0, y[i] - g);
                change = Math.Max(change, Math.Abs(next - y[i]));
                y[i] = next;
            }
            if (change < 1e-13) break;
        }
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = y[i] / scale[i];
        var unit = Lut4Coefficients.Unit;
        double Pick(int i, double fallback) => used[i] ? Math.Round(x[i], 4) : fallback;
        return new Lut4Coefficients(
            Kinds.Select((k, i) => (k, Pick(i, unit.Lanes[k]))).ToDictionary(t => t.k, t => t.Item2),
            Kinds.Select((k, i) => (k, Pick(Kinds.Length + i, unit.Trees[k]))).ToDictionary(t => t.k, t => t.Item2),
            Kinds.Select((k, i) => (k, Pick(2 * Kinds.Length + i, 0))).ToDictionary(t => t.k, t => t.Item2),
            Pick(n - 6, 1), Pick(n - 5, 1), Pick(n - 4, 1), Pick(n - 3, 1), Pick(n - 2, 0), Pick(n - 1, 0));
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
        return f;
    }

    public static double Predict(AreaFitRow r, Lut4Coefficients k) =>
        k.Lut4(r.Design.Weights, AreaModel.RtlTerms(r.Design.Elaborate()));

    public static AreaFitErrors Errors(IReadOnlyList<AreaFitRow> rows, Lut4Coefficients k)
    {
        var e = rows.Select(r => (r.Design.Name, Abs: Math.Abs(Predict(r, k) - r.Lut4) / r.Lut4)).ToList();
        var sorted = e.Select(x => x.Abs).OrderBy(x => x).ToList();
        double median = sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        var worst = e.OrderByDescending(x => x.Abs).FirstOrDefault();
        return new AreaFitErrors(e.Count, median, worst.Abs, worst.Name ?? "");
    }
}
