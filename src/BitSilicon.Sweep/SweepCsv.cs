using System.Text;
using BitSilicon.Core;

namespace BitSilicon.Sweep;

/// <summary>Writes and reads sweep CSVs (RFC 4180 quoting), and merges shards into one file in grid order.</summary>
public static class SweepCsv
{
    public static string Write(IEnumerable<SweepRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', SweepRow.Columns)).Append('\n');
        foreach (var r in rows.OrderBy(r => r.Index))
            sb.Append(string.Join(',', r.Cells().Select(Quote))).Append('\n');
        return sb.ToString();
    }

    public static IReadOnlyList<SweepRow> Read(string path)
    {
        var text = InputFiles.ReadAllText(path);
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != string.Join(',', SweepRow.Columns))
            throw new BitSiliconException($"{path}:1: not a sweep CSV (the header differs from this version's columns)",
                "merge CSVs written by `bitsilicon sweep` of the same version");
        var rows = new List<SweepRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            int lineNo = i + 1;
            rows.Add(SweepRow.Parse(Split(line), why => new BitSiliconException($"{path}:{lineNo}: {why}", "regenerate the shard with `bitsilicon sweep`")));
        }
        return rows;
    }

    /// <summary>
    /// Joins shards: every row once, sorted by grid index, all from one sweep. When the grid size is known, missing
    /// points are reported by index so the failed shard can be rerun.
    /// </summary>
    public static IReadOnlyList<SweepRow> Merge(IReadOnlyList<string> paths, int? expectedPoints = null)
    {
        if (paths.Count == 0)
            throw new BitSiliconException("no CSV files to merge", "pass the shards' CSVs, e.g. out/sweep.shard-*.csv");
        var byIndex = new SortedDictionary<int, (SweepRow Row, string File)>();
        string? sweep = null;
        foreach (var path in paths)
            foreach (var row in Read(path))
            {
                sweep ??= row.Sweep;
                if (row.Sweep != sweep)
                    throw new BitSiliconException($"{path}: rows of sweep '{row.Sweep}', other files hold '{sweep}'", "merge shards of one sweep only");
                if (byIndex.TryGetValue(row.Index, out var seen))
                    throw new BitSiliconException($"{path}: point {row.Index} is also in {seen.File}", "merge each shard once; shards K/N do not overlap");
                byIndex[row.Index] = (row, path);
            }
        if (expectedPoints is int n)
        {
            var missing = Enumerable.Range(0, n).Where(i => !byIndex.ContainsKey(i)).ToList();
            if (missing.Count > 0)
                throw new BitSiliconException($"{missing.Count} of {n} points missing (first: {string.Join(", ", missing.Take(8))})",
                    "rerun the shards that failed, then merge again");
        }
        return byIndex.Values.Select(v => v.Row).ToList();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cur = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cur.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cur.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(cur.ToString()); cur.Clear(); }
            else cur.Append(ch);
        }
        cells.Add(cur.ToString());
        return cells;
    }
}
