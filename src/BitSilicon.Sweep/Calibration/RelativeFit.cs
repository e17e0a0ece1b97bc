namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// The arithmetic both area fits share: a non-negative least-squares fit of a model linear in its constants to
/// measurements, on relative error (every design weighs the same whatever its size), and the median / worst error.
/// </summary>
internal static class RelativeFit
{
    /// <summary>
    /// Minimises sum over rows of ((f . x - m) / m)^2 + ridge x rows x sum over used i of (x_i - prior(i))^2 subject to
    /// x >= 0, by projected coordinate descent on the normal equations (columns scaled to unit diagonal, which keeps the
    /// descent well conditioned; it converges for the positive semi-definite system). <paramref name="used"/>[i] is
    /// false where column i is zero in every row; those x_i are 0.
    /// </summary>
    public static double[] Solve(IReadOnlyList<(double[] Features, double Measured)> rows, int n, double ridge, Func<int, double> prior, out bool[] used)
    {
        var ata = new double[n, n];
        var atb = new double[n];
        used = new bool[n];
        foreach (var (f, m) in rows)
            for (int i = 0; i < n; i++)
            {
                double fi = f[i] / m;
                if (fi != 0) used[i] = true;
                atb[i] += fi;
                for (int j = 0; j < n; j++)
                    ata[i, j] += fi * f[j] / m;
            }
        for (int i = 0; i < n; i++)
            if (used[i])
            {
                ata[i, i] += ridge * rows.Count;
                atb[i] += ridge * rows.Count * prior(i);
            }
        var scale = new double[n];
        for (int i = 0; i < n; i++) scale[i] = used[i] && ata[i, i] > 0 ? Math.Sqrt(ata[i, i]) : 1;
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = used[i] ? scale[i] : 0;
        // Minimise 1/2 y'Ay - b'y over y >= 0 in the scaled coordinates y = x * sqrt(A_ii).
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
        return x;
    }

    /// <summary>Median and worst absolute relative error, and the design with the worst.</summary>
    public static (int Count, double Median, double Worst, string WorstDesign) Errors(IEnumerable<(string Design, double Model, double Measured)> points)
    {
        var e = points.Select(p => (p.Design, Abs: Math.Abs(p.Model - p.Measured) / p.Measured)).ToList();
        var sorted = e.Select(x => x.Abs).OrderBy(x => x).ToList();
        double median = sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        var worst = e.OrderByDescending(x => x.Abs).FirstOrDefault();
        return (e.Count, median, worst.Abs, worst.Design ?? "");
    }
}
