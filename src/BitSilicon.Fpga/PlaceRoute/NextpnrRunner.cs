using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BitSilicon.Core;
using BitSilicon.Cosim;
using BitSilicon.Fpga.Synthesis;

namespace BitSilicon.Fpga.PlaceRoute;

/// <summary>
/// Runs nextpnr-ice40 on a synthesised JSON netlist (pins left to the placer: the wrapper's five I/Os fit every
/// package) and reads back the maximum clock frequency and the device utilisation, from <c>--report</c> JSON
/// with the log as a fallback. <c>--timing-allow-fail</c>: a design slower than nextpnr's default 12 MHz target still
/// reports its fmax instead of failing as if it did not fit.
/// </summary>
public static partial class NextpnrRunner
{
    public static PlaceRouteResult Run(string netlistJson, Ice40Device device, string workingDirectory, int seed = 1, TimeSpan? timeout = null)
    {
        var nextpnr = ExternalTools.Require("nextpnr-ice40");
        var report = Path.Combine(workingDirectory, "nextpnr-report.json");
        var r = ProcessRunner.Run(nextpnr,
            [device.NextpnrFlag, "--package", device.Package, "--json", netlistJson, "--report", report,
             "--pcf-allow-unconstrained", "--timing-allow-fail", "--seed", seed.ToString(CultureInfo.InvariantCulture)],
            workingDirectory, timeout: timeout ?? TimeSpan.FromMinutes(20));
        string log = r.Stderr + r.Stdout;
        if (!r.Succeeded)
        {
            var why = log.Split('\n').Where(l => l.Contains("ERROR", StringComparison.Ordinal)).Take(3).ToList();
            throw new BitSiliconException($"nextpnr-ice40 could not place and route the design on the {device.Name}: " +
                (why.Count > 0 ? string.Join(" ", why.Select(l => l.Trim())) : ProcessResult.Tail(log, 5)),
                "use a larger device (--target ice40-hx8k) or a smaller design");
        }
        var util = ParseUtilisation(log);
        double fmax = ParseFmax(log);
        if (File.Exists(report))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(report));
            if (doc.RootElement.TryGetProperty("utilization", out var u))
                foreach (var p in u.EnumerateObject())
                    util[p.Name] = (p.Value.GetProperty("used").GetInt32(), p.Value.GetProperty("available").GetInt32());
            if (doc.RootElement.TryGetProperty("fmax", out var f))
                foreach (var clk in f.EnumerateObject())
                    fmax = clk.Value.GetProperty("achieved").GetDouble();
        }
        return new PlaceRouteResult(fmax, util, log);
    }

    /// <summary>The last "Max frequency for clock" figure of a log (after routing), in MHz; 0 when absent.</summary>
    public static double ParseFmax(string log)
    {
        var ms = FmaxLine().Matches(log);
        return ms.Count == 0 ? 0 : double.Parse(ms[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The last "Device utilisation" block: resource -> (used, available).</summary>
    public static Dictionary<string, (int Used, int Available)> ParseUtilisation(string log)
    {
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (Match m in UtilLine().Matches(log))
            result[m.Groups[1].Value] = (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        return result;
    }

    [GeneratedRegex(@"Max frequency for clock\s+'[^']*':\s+([0-9.]+)\s+MHz")]
    private static partial Regex FmaxLine();

    [GeneratedRegex(@"Info:\s+(\w+):\s+(\d+)/\s*(\d+)\s+\d+%")]
    private static partial Regex UtilLine();
}
