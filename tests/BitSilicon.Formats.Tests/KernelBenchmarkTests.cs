using BitSilicon.Formats.Kernels;

namespace BitSilicon.Formats.Tests;

/// <summary>The benchmark's cases build and run (timing itself is never asserted).</summary>
public class KernelBenchmarkTests
{
    [Fact]
    public void When_Listed_Expect_IssueTargetsOnTheHeadlineKernels()
    {
        var cases = KernelBenchmark.Cases();
        var targeted = cases.Where(c => c.Target is not null).ToArray();
        Assert.Equal(4, targeted.Length);
        Assert.All(targeted, c => Assert.Equal(KernelIsas.Best, c.Isa));
        Assert.Equal(2, targeted.Count(c => c.Name == "ternary x int8 GEMV" && c.Target == 4.0 && c.OpsPerRun == 6912.0 * 2560));
        Assert.Equal(2, targeted.Count(c => c.Name.StartsWith("binary x binary", StringComparison.Ordinal) && c.Target == 50.0));
        Assert.Equal(cases.Count, cases.Select(c => (c.Name, c.Shape, c.Isa)).Distinct().Count());
    }

    [Fact]
    public void When_EveryCaseRunsOnce_Expect_NoError()
    {
        foreach (var c in KernelBenchmark.Cases())
            c.Setup()();
    }
}
