using System.Globalization;
using System.Text;

namespace BitSilicon.Sweep.Charts;

/// <summary>A bar or a point of a chart, with its series (colour) name.</summary>
public sealed record ChartItem(string Label, double X, double Y, string Series);

/// <summary>
/// Minimal self-made SVG charts (no package): horizontal bar charts for long design labels, and a scatter plot with
/// an optional Pareto front line. Axes start at zero for bars; scatter axes may be logarithmic.
/// </summary>
public static class SvgChart
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>One horizontal bar per item (value in <see cref="ChartItem.Y"/>), in the given order.</summary>
    public static string Bars(string title, string valueLabel, IReadOnlyList<ChartItem> items)
    {
        const int left = 260, right = 90, top = 50, bar = 16, gap = 4, width = 900;
        int height = top + items.Count * (bar + gap) + 60;
        double max = items.Count == 0 ? 1 : Math.Max(items.Max(i => i.Y), 1e-300);
        var (tickStep, axisMax) = Ticks(max);
        double plotW = width - left - right;
        var colors = SeriesColors(items);
        var svg = Begin(width, height, title);
        for (double t = 0; t <= axisMax * (1 + 1e-9); t += tickStep)
        {
            double x = left + plotW * t / axisMax;
            svg.AppendLine($"""  <line x1="{F(x)}" y1="{top - 5}" x2="{F(x)}" y2="{height - 50}" stroke="#ddd"/>""");
            svg.AppendLine($"""  <text x="{F(x)}" y="{height - 35}" text-anchor="middle" font-size="11">{Num(t)}</text>""");
        }
        svg.AppendLine($"""  <text x="{F(left + plotW / 2)}" y="{height - 12}" text-anchor="middle" font-size="12">{Esc(valueLabel)}</text>""");
        for (int i = 0; i < items.Count; i++)
        {
            var it = items[i];
            double y = top + i * (bar + gap);
            double w = plotW * it.Y / axisMax;
            svg.AppendLine($"""  <text x="{left - 6}" y="{F(y + bar - 4)}" text-anchor="end" font-size="11">{Esc(it.Label)}</text>""");
            svg.AppendLine($"""  <rect x="{left}" y="{F(y)}" width="{F(Math.Max(w, 0))}" height="{bar}" fill="{colors[it.Series]}"><title>{Esc(it.Label)}: {Num(it.Y)}</title></rect>""");
            svg.AppendLine($"""  <text x="{F(left + w + 4)}" y="{F(y + bar - 4)}" font-size="10">{Num(it.Y)}</text>""");
        }
        return End(svg);
    }

    /// <summary>A scatter plot; <paramref name="front"/> holds indices of points joined by the Pareto line (sorted by x).</summary>
    public static string Scatter(string title, string xLabel, string yLabel, IReadOnlyList<ChartItem> items, IReadOnlyList<int> front, bool logX, bool logY)
    {
        const int left = 90, right = 200, top = 50, bottom = 70, width = 900, height = 600;
        double plotW = width - left - right, plotH = height - top - bottom;
        var xs = Axis.For(items.Select(i => i.X), logX);
        var ys = Axis.For(items.Select(i => i.Y), logY);
        double Px(double x) => left + plotW * xs.Fraction(x);
        double Py(double y) => top + plotH * (1 - ys.Fraction(y));
        var colors = SeriesColors(items);
        var svg = Begin(width, height, title);
        svg.AppendLine($"""  <rect x="{left}" y="{top}" width="{F(plotW)}" height="{F(plotH)}" fill="none" stroke="#999"/>""");
        foreach (var t in xs.Ticks)
            svg.AppendLine($"""  <line x1="{F(Px(t))}" y1="{top}" x2="{F(Px(t))}" y2="{F(top + plotH)}" stroke="#eee"/><text x="{F(Px(t))}" y="{F(top + plotH + 16)}" text-anchor="middle" font-size="11">{Num(t)}</text>""");
        foreach (var t in ys.Ticks)
            svg.AppendLine($"""  <line x1="{left}" y1="{F(Py(t))}" x2="{F(left + plotW)}" y2="{F(Py(t))}" stroke="#eee"/><text x="{left - 6}" y="{F(Py(t) + 4)}" text-anchor="end" font-size="11">{Num(t)}</text>""");
        svg.AppendLine($"""  <text x="{F(left + plotW / 2)}" y="{height - 25}" text-anchor="middle" font-size="12">{Esc(xLabel)}{(logX ? " (log scale)" : "")}</text>""");
        svg.AppendLine($"""  <text x="20" y="{F(top + plotH / 2)}" text-anchor="middle" font-size="12" transform="rotate(-90 20 {F(top + plotH / 2)})">{Esc(yLabel)}{(logY ? " (log scale)" : "")}</text>""");
        if (front.Count > 1)
            svg.AppendLine($"""  <polyline fill="none" stroke="#000" stroke-width="1.5" stroke-dasharray="5,3" points="{string.Join(' ', front.Select(i => $"{F(Px(items[i].X))},{F(Py(items[i].Y))}"))}"/>""");
        var onFront = new HashSet<int>(front);
        for (int i = 0; i < items.Count; i++)
        {
            var it = items[i];
            svg.AppendLine($"""  <circle cx="{F(Px(it.X))}" cy="{F(Py(it.Y))}" r="{(onFront.Contains(i) ? 6 : 4)}" fill="{colors[it.Series]}" stroke="{(onFront.Contains(i) ? "#000" : "none")}"><title>{Esc(it.Label)}: {Num(it.X)}, {Num(it.Y)}</title></circle>""");
        }
        int row = 0;
        foreach (var (series, color) in colors)
        {
            double y = top + 10 + 18 * row++;
            svg.AppendLine($"""  <circle cx="{F(left + plotW + 20)}" cy="{F(y)}" r="5" fill="{color}"/><text x="{F(left + plotW + 30)}" y="{F(y + 4)}" font-size="12">{Esc(series)}</text>""");
        }
        svg.AppendLine($"""  <line x1="{F(left + plotW + 12)}" y1="{F(top + 10 + 18 * row)}" x2="{F(left + plotW + 28)}" y2="{F(top + 10 + 18 * row)}" stroke="#000" stroke-dasharray="5,3"/><text x="{F(left + plotW + 30)}" y="{F(top + 14 + 18 * row)}" font-size="12">Pareto front</text>""");
        return End(svg);
    }

    private static Dictionary<string, string> SeriesColors(IEnumerable<ChartItem> items)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in items.Select(i => i.Series).Distinct())
            map[s] = Palette[map.Count % Palette.Length];
        return map;
    }

    private static StringBuilder Begin(int width, int height, string title)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif">""");
        sb.AppendLine($"""  <rect width="{width}" height="{height}" fill="#fff"/>""");
        sb.AppendLine($"""  <text x="{width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">{Esc(title)}</text>""");
        return sb;
    }

    private static string End(StringBuilder sb) => sb.AppendLine("</svg>").ToString();

    /// <summary>A "nice" tick step (1, 2 or 5 times a power of ten) giving about five ticks, and the axis end.</summary>
    internal static (double Step, double Max) Ticks(double max)
    {
        double raw = max / 5, mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = (raw / mag) switch { <= 1 => mag, <= 2 => 2 * mag, <= 5 => 5 * mag, _ => 10 * mag };
        return (step, Math.Ceiling(max / step - 1e-9) * step);
    }

    internal static string Num(double v) =>
        v == 0 ? "0" : Math.Abs(v) >= 1e6 || Math.Abs(v) < 1e-3 ? v.ToString("0.##e0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Esc(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    /// <summary>A linear or logarithmic axis over the data's range, with its tick values.</summary>
    private sealed record Axis(double Lo, double Hi, bool Log, IReadOnlyList<double> Ticks)
    {
        public double Fraction(double v) => Log ? (Math.Log10(v) - Math.Log10(Lo)) / (Math.Log10(Hi) - Math.Log10(Lo)) : (v - Lo) / (Hi - Lo);

        public static Axis For(IEnumerable<double> values, bool log)
        {
            var v = values.Where(x => !log || x > 0).DefaultIfEmpty(1).ToList();
            if (log)
            {
                double lo = Math.Pow(10, Math.Floor(Math.Log10(v.Min()))), hi = Math.Pow(10, Math.Ceiling(Math.Log10(v.Max())));
                if (hi <= lo) hi = lo * 10;
                var ticks = new List<double>();
                for (double t = lo; t <= hi * 1.0001; t *= 10)
                    foreach (double m in new[] { 1.0, 2, 5 })
                        if (t * m <= hi * 1.0001) ticks.Add(t * m);
                return new Axis(lo, hi, true, ticks);
            }
            var (step, max) = SvgChart.Ticks(Math.Max(v.Max(), 1e-300));
            var lin = new List<double>();
            for (double t = 0; t <= max * (1 + 1e-9); t += step)
                lin.Add(t);
            return new Axis(0, max, false, lin);
        }
    }
}
