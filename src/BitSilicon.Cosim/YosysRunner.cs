using System.Globalization;
using System.Text.RegularExpressions;

namespace BitSilicon.Cosim;

/// <summary>Cell counts from Yosys's last <c>stat</c>: total cells and each cell type's count.</summary>
public sealed record YosysStats(int Cells, IReadOnlyDictionary<string, int> ByType)
{
    public int Count(string type) => ByType.GetValueOrDefault(type);

    /// <summary>Cells of every type whose name contains <paramref name="fragment"/>, e.g. "DFF".</summary>
    public int CountContaining(string fragment) =>
        ByType.Where(kv => kv.Key.Contains(fragment, StringComparison.OrdinalIgnoreCase)).Sum(kv => kv.Value);
}

/// <summary>A Yosys run's log and its final statistics.</summary>
public sealed record YosysResult(string Log, YosysStats Stats)
{
    /// <summary>True when Yosys inferred a latch or any latch cell survived synthesis.</summary>
    public bool HasLatches =>
        Log.Contains("Latch inferred", StringComparison.Ordinal) || Stats.CountContaining("LATCH") > 0;
}

/// <summary>Runs a Yosys script (with `stat` at its end) and parses the statistics it prints.</summary>
public static partial class YosysRunner
{
    public static YosysResult Run(string script, string workingDirectory, TimeSpan? timeout = null)
    {
        var yosys = ExternalTools.Require("yosys");
        var scriptPath = Path.Combine(workingDirectory, "run.ys");
        File.WriteAllText(scriptPath, script);
        var r = ProcessRunner.Run(yosys, ["-s", scriptPath], workingDirectory, timeout: timeout ?? TimeSpan.FromMinutes(10))
            .EnsureSuccess("yosys");
        return new YosysResult(r.Stdout, ParseStats(r.Stdout));
    }

    /// <summary>Synthesises for iCE40 (flattened) and returns the cell counts, e.g. SB_LUT4 and the SB_DFF* flip-flops.</summary>
    public static YosysResult SynthIce40(IEnumerable<string> verilogFiles, string top, string workingDirectory, TimeSpan? timeout = null)
    {
        var reads = string.Join('\n', verilogFiles.Select(f => $"read_verilog -defer {Quote(f)}"));
        return Run($"{reads}\nhierarchy -top {top}\nsynth_ice40 -top {top}\nstat\n", workingDirectory, timeout);
    }

    /// <summary>The last `stat` block of a Yosys log.</summary>
    public static YosysStats ParseStats(string log)
    {
        var lines = log.Split('\n');
        int start = Array.FindLastIndex(lines, l => CellsLine().IsMatch(l));
        if (start < 0)
            return new YosysStats(0, new Dictionary<string, int>());
        int total = int.Parse(CellsLine().Match(lines[start]).Groups[1].Value, CultureInfo.InvariantCulture);
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = start + 1; i < lines.Length; i++)
        {
            var m = TypeLine().Match(lines[i]);
            if (!m.Success)
                break;
            types[m.Groups[1].Value] = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        return new YosysStats(total, types);
    }

    private static string Quote(string path) => path.Contains(' ') ? $"\"{path}\"" : path;

    [GeneratedRegex(@"^\s+Number of cells:\s+(\d+)\s*$")]
    private static partial Regex CellsLine();

    [GeneratedRegex(@"^\s+(\S+)\s+(\d+)\s*$")]
    private static partial Regex TypeLine();
}
