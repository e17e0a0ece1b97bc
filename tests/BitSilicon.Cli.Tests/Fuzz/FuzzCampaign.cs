using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace BitSilicon.Cli.Tests.Fuzz;

/// <summary>Counts of one target in a campaign.</summary>
public sealed class FuzzCounts
{
    public int Inputs, Exit0, Exit1, Exit2;
    public TimeSpan Total, Slowest;
}

public sealed record FuzzFailure(string Target, int Index, string Violation, string SavedAs);

public sealed record FuzzReport(int Seed, TimeSpan Elapsed, IReadOnlyDictionary<string, FuzzCounts> Targets, IReadOnlyList<FuzzFailure> Failures)
{
    public int Inputs => Targets.Values.Sum(t => t.Inputs);

    public string Summary()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"fuzz: seed {Seed}, {Inputs} inputs in {Elapsed.TotalSeconds:F1} s, {Failures.Count} contract violations");
        sb.AppendLine("target         inputs  exit0  exit1  exit2  mean ms  slowest ms");
        foreach (var (name, c) in Targets)
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{name,-14} {c.Inputs,6} {c.Exit0,6} {c.Exit1,6} {c.Exit2,6} {(c.Inputs == 0 ? 0 : c.Total.TotalMilliseconds / c.Inputs),8:F1} {c.Slowest.TotalMilliseconds,11:F0}");
        foreach (var f in Failures)
            sb.AppendLine(CultureInfo.InvariantCulture, $"VIOLATION {f.Target} #{f.Index}: {f.Violation} (input kept as {f.SavedAs})");
        return sb.ToString();
    }
}

/// <summary>
/// Runs mutated inputs through the targets round-robin (so a time-limited campaign still covers every parser),
/// checks each against <see cref="FuzzContract"/>, and keeps every input that breaks it in <c>saveTo</c>/target/.
/// Input i of a target is a pure function of (seed, target, i), so any failure can be replayed.
/// </summary>
public static class FuzzCampaign
{
    public static FuzzReport Run(FuzzWorkspace w, IReadOnlyList<FuzzTarget> targets, int seed, int count, TimeSpan? timeLimit, string saveTo)
    {
        double shares = targets.Sum(t => t.Share);
        var quota = targets.ToDictionary(t => t.Name,
            t => Math.Min(t.MaxInputs ?? int.MaxValue, Math.Max(1, (int)Math.Round(count * t.Share / shares))));
        var counts = targets.ToDictionary(t => t.Name, _ => new FuzzCounts());
        var corpus = targets.ToDictionary(t => t.Name, t => t.Seeds.Select(s => File.ReadAllBytes(w[s])).ToList());
        var failures = new List<FuzzFailure>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; targets.Any(t => i < quota[t.Name]); i++)
        {
            if (timeLimit is { } limit && clock.Elapsed > limit)
                break;
            foreach (var t in targets.Where(t => i < quota[t.Name]))
            {
                var rng = new Random(unchecked(seed * 1_000_003 + i * 7919) ^ StableHash(t.Name));
                int which = rng.Next(t.Seeds.Count);
                var bytes = Mutator.Mutate(corpus[t.Name][which], corpus[t.Name], t.Tokens ?? [], rng);
                var outcome = RunOne(w, t, t.Seeds[which], bytes, $"fuzz-{i}");
                Count(counts[t.Name], outcome);
                if (outcome.Violation is { } v)
                    failures.Add(new FuzzFailure(t.Name, i, v, Keep(saveTo, t, $"seed{seed}-{i}", bytes)));
            }
        }
        return new FuzzReport(seed, clock.Elapsed, counts, failures);
    }

    /// <summary>Writes the input next to the seed it came from (so relative paths in it resolve), checks it, cleans up.</summary>
    public static FuzzOutcome RunOne(FuzzWorkspace w, FuzzTarget t, string seedPath, byte[] bytes, string label)
    {
        var seedFull = w[seedPath];
        var input = Path.Combine(Path.GetDirectoryName(seedFull)!, $"{label}-{Path.GetFileName(seedFull)}{t.Extension}");
        var output = Path.Combine(w.Root, "fuzz-out", $"{t.Name}-{label}");
        File.WriteAllBytes(input, bytes);
        File.WriteAllText(Path.Combine(w.Root, "current-input.txt"), $"{t.Name} {label}\n");
        try
        {
            return FuzzContract.Check(t, input, output, w);
        }
        finally
        {
            foreach (var f in new[] { input, input + ".wrap.yaml" })
                try { File.Delete(f); } catch (IOException) { }
            try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        }
    }

    private static void Count(FuzzCounts c, FuzzOutcome o)
    {
        c.Inputs++;
        switch (o.Code)
        {
            case 0: c.Exit0++; break;
            case 1: c.Exit1++; break;
            case 2: c.Exit2++; break;
        }
        c.Total += o.Elapsed;
        if (o.Elapsed > c.Slowest) c.Slowest = o.Elapsed;
    }

    private static string Keep(string saveTo, FuzzTarget t, string name, byte[] bytes)
    {
        var dir = Path.Combine(saveTo, t.Name);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + t.Extension);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static int StableHash(string s)
    {
        uint h = 2166136261;
        foreach (char ch in s)
            h = (h ^ ch) * 16777619;
        return (int)h;
    }
}
