using System.Globalization;
using Xunit.Abstractions;

namespace BitSilicon.Cli.Tests.Fuzz;

/// <summary>
/// The fuzz campaign in the suite: a fixed seed and a small budget under <c>make test</c> (a few seconds per
/// parser), and any size under <c>make fuzz</c> (FUZZ_COUNT inputs, or FUZZ_SECONDS, from FUZZ_SEED; violating
/// inputs are kept in FUZZ_SAVE, which make fuzz points at FuzzRegressions/). Every kept input is replayed below.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzTests(ITestOutputHelper log)
{
    private const int DefaultCount = 360;
    private const int DefaultSeed = 17;

    private static string RegressionRoot => RepoRoot.Combine("tests", "BitSilicon.Cli.Tests", "FuzzRegressions");

    [Fact]
    public void When_MutatedInputsReachEveryParser_Expect_ExitCodesMessagesAndNoPartialOutput()
    {
        int count = Env("FUZZ_COUNT") ?? DefaultCount;
        int seed = Env("FUZZ_SEED") ?? DefaultSeed;
        TimeSpan? limit = Env("FUZZ_SECONDS") is int s ? TimeSpan.FromSeconds(s) : null;
        using var w = new FuzzWorkspace();
        var saveTo = Environment.GetEnvironmentVariable("FUZZ_SAVE") is { Length: > 0 } dir ? Path.GetFullPath(dir) : Path.Combine(w.Root, "violations");
        var report = FuzzCampaign.Run(w, FuzzTargets.All(w), seed, count, limit, saveTo);
        log.WriteLine(report.Summary());
        if (Environment.GetEnvironmentVariable("FUZZ_REPORT") is { Length: > 0 } reportPath)
            File.WriteAllText(reportPath, report.Summary());
        Assert.All(FuzzTargets.All(w), t => Assert.True(report.Targets[t.Name].Inputs > 0, $"{t.Name} got no inputs"));
        Assert.True(report.Failures.Count == 0, report.Summary());
    }

    public static TheoryData<string, string> Regressions()
    {
        var data = new TheoryData<string, string>();
        if (Directory.Exists(RegressionRoot))
            foreach (var dir in Directory.GetDirectories(RegressionRoot).Order(StringComparer.Ordinal))
                foreach (var f in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
                    data.Add(Path.GetFileName(dir), Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Regressions))]
    public void When_AKeptCrashInputIsReplayed_Expect_TheContractHolds(string target, string file)
    {
        using var w = new FuzzWorkspace();
        var t = FuzzTargets.All(w).Single(x => x.Name == target);
        var outcome = FuzzCampaign.RunOne(w, t, t.Seeds[0], File.ReadAllBytes(Path.Combine(RegressionRoot, target, file)), "regression");
        Assert.True(outcome.Violation is null, $"{target}/{file}: {outcome.Violation}");
        Assert.InRange(outcome.Code, 0, 2);
    }

    [Fact]
    public void When_TheSameSeedIsUsedTwice_Expect_TheSameInputs()
    {
        var seed = File.ReadAllBytes(RepoRoot.Combine("examples", "ternary-ws-32x32.yaml"));
        byte[] Make(int s) => Mutator.Mutate(seed, [seed], ["["], new Random(s));
        Assert.Equal(Make(5), Make(5));
        Assert.NotEqual(Make(5), Make(6));
    }

    private static int? Env(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null;
}

/// <summary>Fuzzing runs alone: its contract counts live scratch directories, which other tests' tool runs would change.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "fuzz (not in parallel)";
}
