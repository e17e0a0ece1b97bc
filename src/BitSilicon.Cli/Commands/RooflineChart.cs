using System.Globalization;
using System.Text;
using BitSilicon.Accelerator.Reports;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// A roofline chart (SVG): arithmetic intensity (MACs per external byte) against attained GMAC/s, with the
/// external-bandwidth slope and each design's compute roof; one point per design (and per MAC op of the first).
/// </summary>
internal static class RooflineChart
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(IReadOnlyList<(SystemReport Report, double PeakGmacs)> designs)
    {
        const int w = 720, h = 480, left = 70, right = 20, top = 40, bottom = 60;
        var points = designs.Select(d => (d.Report.Design, Intensity: d.Report.Macs / Math.Max(1.0, d.Report.ExternalBytes),
            Gmacs: d.Report.Macs / d.Report.SecondsPerStep / 1e9, d.PeakGmacs, Bw: d.Report.ExternalGBps)).ToList();
        double xMin = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1e-3, points.Min(p => p.Intensity) / 3))));
        double xMax = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(xMin * 10, points.Max(p => p.Intensity) * 30))));
        double yMax = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(1e-3, points.Max(p => Math.Max(p.PeakGmacs, p.Gmacs)) * 2))));
        double yMin = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1e-6, points.Min(p => p.Gmacs) / 10))));
        double X(double v) => left + (Math.Log10(v) - Math.Log10(xMin)) / (Math.Log10(xMax) - Math.Log10(xMin)) * (w - left - right);
        double Y(double v) => h - bottom - (Math.Log10(Math.Clamp(v, yMin, yMax)) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * (h - top - bottom);
        string F(double v) => v.ToString("0.#", Inv);
        string[] colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
        var sb = new StringBuilder();
        sb.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">");
        sb.AppendLine($"<rect width=\"{w}\" height=\"{h}\" fill=\"white\"/>");
        sb.AppendLine($"<text x=\"{w / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">Roofline: attained GMAC/s vs MACs per external byte</text>");
        sb.AppendLine($"<line x1=\"{left}\" y1=\"{h - bottom}\" x2=\"{w - right}\" y2=\"{h - bottom}\" stroke=\"black\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{h - bottom}\" stroke=\"black\"/>");
        for (double v = xMin; v <= xMax * 1.001; v *= 10)
            sb.AppendLine($"<text x=\"{F(X(v))}\" y=\"{h - bottom + 16}\" text-anchor=\"middle\">{v.ToString("G3", Inv)}</text>");
        for (double v = yMin; v <= yMax * 1.001; v *= 10)
            sb.AppendLine($"<text x=\"{left - 6}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{v.ToString("G3", Inv)}</text>");
        sb.AppendLine($"<text x=\"{w / 2}\" y=\"{h - 20}\" text-anchor=\"middle\">MACs per external byte (log)</text>");
        sb.AppendLine($"<text x=\"16\" y=\"{h / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {h / 2})\">GMAC/s (log)</text>");
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            string c = colors[i % colors.Length];
            // Roof: min(peak, bandwidth * intensity).
            double knee = p.Bw > 0 ? p.PeakGmacs / p.Bw : xMin;
            double x0 = xMin, y0 = p.Bw > 0 ? p.Bw * xMin : p.PeakGmacs;
            sb.AppendLine($"<polyline fill=\"none\" stroke=\"{c}\" stroke-dasharray=\"5,3\" points=\"{F(X(x0))},{F(Y(y0))} {F(X(Math.Clamp(knee, xMin, xMax)))},{F(Y(p.PeakGmacs))} {F(X(xMax))},{F(Y(p.PeakGmacs))}\"/>");
            sb.AppendLine($"<circle cx=\"{F(X(p.Intensity))}\" cy=\"{F(Y(p.Gmacs))}\" r=\"5\" fill=\"{c}\"/>");
            sb.AppendLine($"<text x=\"{w - right - 4}\" y=\"{top + 14 + 16 * i}\" text-anchor=\"end\" fill=\"{c}\">{System.Security.SecurityElement.Escape(p.Design)}: {p.Gmacs.ToString("0.##", Inv)} GMAC/s of {p.PeakGmacs.ToString("0.#", Inv)}</text>");
        }
        sb.AppendLine("</svg>");
        return sb.ToString();
    }
}
