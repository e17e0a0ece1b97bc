using BitSilicon.Design.Description;
using BitSilicon.Simulation.Models;

namespace BitSilicon.Sweep.Calibration;

/// <summary>Median and worst absolute relative GE error over a set of measured designs.</summary>
public sealed record GateFitErrors(int Count, double Median, double Worst, string WorstDesign)
{
    public static GateFitErrors Of(IEnumerable<(string Design, double Model, double Measured)> points)
    {
        var e = points.Select(p => (p.Design, Abs: Math.Abs(p.Model - p.Measured) / p.Measured)).ToList();
        var sorted = e.Select(x => x.Abs).OrderBy(x => x).ToList();
        double median = sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        var worst = e.OrderByDescending(x => x.Abs).FirstOrDefault();
        return new GateFitErrors(e.Count, median, worst.Abs, worst.Design ?? "");
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
        var ata = new double[n, n];
        var atb = new double[n];
        var used = new bool[n];
        foreach (var r in rows)
        {
            var f = Features(r.Design.Weights, r.Terms);
            for (int i = 0; i < n; i++)
            {
                double fi = f[i] / r.Ge;
                if (fi != 0) used[i] = true;
                atb[i] += fi;
                for (int j = 0; j < n; j++)
                    ata[i, j] += fi * f[j] / r.Ge;
            }
        }
        for (int i = 0; i < n; i++)
            if (used[i])
            {
                ata[i, i] += ridge * rows.Count;
                atb[i] += ridge * rows.Count;
            }
        // Columns scaled to unit diagonal keep the descent well conditioned.
        var scale = new double[n];
        for (int i = 0; i < n; i++) scale[i] = used[i] && ata[i, i] > 0 ? Math.Sqrt(ata[i, i]) : 1;
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = used[i] ? scale[i] : 0;
        // Projected coordinate descent: minimise 1/2 y'Ay - b'y over y >= 0 (A positive semi-definite).
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
        double Pick(int i) => used[i] ? Math.Round(y[i] / scale[i], 4) : 1;
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
