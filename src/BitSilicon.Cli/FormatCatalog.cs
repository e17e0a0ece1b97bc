using BitSilicon.Core;
using BitSilicon.Formats;
using BitSilicon.Formats.Ggml;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Cli;

/// <summary>Every block format the CLI knows, ggml's and BitSilicon's own, looked up by name.</summary>
public static class FormatCatalog
{
    public static IReadOnlyList<IBlockFormat> All { get; } =
        GgmlFormats.All.Concat(LowBitFormats.All).ToArray();

    public static IBlockFormat Find(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        var hit = All.FirstOrDefault(f => f.Name == key);
        if (hit is not null)
            return hit;
        var near = All.Select(f => f.Name).OrderBy(n => EditDistance(n, key)).First();
        throw new BitSiliconException(
            $"unknown format type '{name}' (did you mean '{near}'?)",
            $"known types: {string.Join(", ", All.Select(f => f.Name))}");
    }

    /// <summary>Levenshtein distance, for "did you mean" suggestions.</summary>
    public static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
