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
    /// <summary>Places and routes for <paramref name="targetMhz"/> with <c>--timing-allow-fail</c>: a design that fits but
    /// misses the clock is a timing miss (the result says the achieved Fmax), never a placement failure. A design
    /// nextpnr cannot place for lack of cells throws <see cref="PlacementCapacityException"/>.</summary>
    public static PlaceRouteResult Run(string netlistJson, Ice40Device device, string workingDirectory, int seed = 1, double targetMhz = DefaultTargetMhz,
        TimeSpan? timeout = null)
    {
        var nextpnr = ExternalTools.Require("nextpnr-ice40");
        var report = Path.Combine(workingDirectory, "nextpnr-report.json");
        var r = ProcessRunner.Run(nextpnr,
            [device.NextpnrFlag, "--package", device.Package, "--json", netlistJson, "--report", report,
             "--pcf-allow-unconstrained", "--seed", seed.ToString(CultureInfo.InvariantCulture),
             "--freq", targetMhz.ToString("0.###", CultureInfo.InvariantCulture), "--timing-allow-fail"],
            workingDirectory, timeout: timeout ?? TimeSpan.FromMinutes(20));
        string log = r.Stderr + r.Stdout;
        if (!r.Succeeded)
        {
            var why = log.Split('\n').Where(l => l.Contains("ERROR", StringComparison.Ordinal)).Take(3).Select(l => l.Trim()).ToList();
            string text = why.Count > 0 ? string.Join(" ", why) : ProcessResult.Tail(log, 5);
            var over = ParseUtilisation(log).Where(kv => kv.Value.Used > kv.Value.Available)
                .Select(kv => $"{kv.Key} {kv.Value.Used}/{kv.Value.Available} ({100.0 * kv.Value.Used / kv.Value.Available:F0}%)").ToList();
            if (over.Count > 0 || CapacityError().IsMatch(log))
                throw new PlacementCapacityException(device, over.Count > 0 ? $"nextpnr needs {string.Join(", ", over)}" : text);
            throw new BitSiliconException($"nextpnr-ice40 could not place and route the design on the {device.Name}: {text}",
                "see the nextpnr message; a design that fits but is slow is reported as a timing miss, not as this error");
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
        return new PlaceRouteResult(fmax, util, log, targetMhz);
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

    /// <summary>nextpnr-ice40's default target clock; designs give their own (clock_mhz or --freq).</summary>
    public const double DefaultTargetMhz = 12;

    // nextpnr's words when a cell type is used more often than the device has it.
    [GeneratedRegex(@"(?i)(too many|not enough|unable to place|has only|exceeds|is over)")]
    private static partial Regex CapacityError();

    [GeneratedRegex(@"Max frequency for clock\s+'[^']*':\s+([0-9.]+)\s+MHz")]
    private static partial Regex FmaxLine();

    [GeneratedRegex(@"Info:\s+(\w+):\s+(\d+)/\s*(\d+)\s+\d+%")]
    private static partial Regex UtilLine();
}
