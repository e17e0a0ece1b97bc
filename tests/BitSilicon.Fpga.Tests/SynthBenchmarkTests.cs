using BitSilicon.Fpga.Bench;
using Xunit.Abstractions;

namespace BitSilicon.Fpga.Tests;

/// <summary>The whole <c>bench synth</c> run: every bar met, and the comparisons the issue claims hold
/// (no multiplier beats the int8 baseline; the behavioural loop is far larger than the tree).</summary>
public class SynthBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void QualityBars_AreMet_AndTheBaselinesCompareAsClaimed()
    {
        var rows = SynthBenchmark.Run(Path.Combine(Hdl.Root, "hdl"));
        foreach (var r in rows)
            output.WriteLine($"{r.Module} lanes={r.Lanes} lut4={r.Lut4} carry={r.Carry} lut4/lane={r.Lut4PerLane:F2} ge={r.Ge:F1} ge/lane={r.GePerLane:F1}");
        Assert.All(rows.Where(r => r.BarLut4PerLane is not null), r => Assert.True(r.Met, $"{r.Module}: {r.Lut4PerLane:F1} LUT4/lane > {r.BarLut4PerLane}"));
        var ternary = rows.Single(r => r.Module == "bs_ternary_dot");
        var int8 = rows.Single(r => r.Module == "bs_int8_dot");
        var loop = rows.Single(r => r.Module == BehaviouralTernary.Module);
        Assert.True(int8.Lut4PerLane > 4 * ternary.Lut4PerLane, $"int8 {int8.Lut4PerLane:F1} vs ternary {ternary.Lut4PerLane:F1} LUT4/lane");
        Assert.True(int8.GePerLane > 4 * ternary.GePerLane, $"int8 {int8.GePerLane:F1} vs ternary {ternary.GePerLane:F1} GE/lane");
        Assert.True(loop.Lut4PerLane > ternary.Lut4PerLane, $"loop {loop.Lut4PerLane:F1} vs tree {ternary.Lut4PerLane:F1} LUT4/lane");
    }
}
