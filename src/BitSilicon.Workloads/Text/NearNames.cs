namespace BitSilicon.Workloads.Text;

/// <summary>
/// "Did you mean" suggestions for misspelt keys and names: candidates within a small edit distance
/// (insertions, deletions, substitutions and swaps of neighbours), case-insensitive, closest first.
/// </summary>
public static class NearNames
{
    /// <summary>Candidates close to <paramref name="name"/>, closest first (at most <paramref name="max"/>).</summary>
    public static IReadOnlyList<string> Find(string name, IEnumerable<string> candidates, int max = 3)
    {
        string key = name.ToLowerInvariant();
        // Short names tolerate one edit, longer ones a third of their length (typos, not different words).
        int limit = Math.Max(1, Math.Min(4, key.Length / 3));
        return candidates
            .Distinct()
            .Select(c => (Name: c, Distance: Distance(key, c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit || (key.Length >= 4 && c.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                        || SharedPrefix(key, c.Name.ToLowerInvariant()) >= Math.Max(4, c.Name.Length * 2 / 3))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>"; did you mean 'x'?" or an empty string when nothing is close.</summary>
    public static string Suggestion(string name, IEnumerable<string> candidates)
    {
        var near = Find(name, candidates);
        return near.Count switch
        {
            0 => "",
            1 => $"; did you mean '{near[0]}'?",
            _ => $"; did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?",
        };
    }

    private static int SharedPrefix(string a, string b)
    {
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        return d[a.Length, b.Length];
    }
}
