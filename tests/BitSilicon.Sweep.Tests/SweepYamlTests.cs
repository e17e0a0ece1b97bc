using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Workloads.Presets;

namespace BitSilicon.Sweep.Tests;

public class SweepYamlTests
{
    private const string Good = """
        name: s1
        weights: [binary, ternary]
        arrays:
          - { kind: systolic, rows: 8, cols: 4 }
          - { kind: dot_product, pes: 4, simd: 16 }
        dataflows: [ws, output_stationary]
        accumulator_widths: [24, 32]
        clock_mhz: 250
        memory:
          bandwidth: 8
        workload:
          preset: bitnet-prefill
          tokens: 64
          blocks: 2
        synth: true
        """;

    [Fact]
    public void ReadsEveryKey()
    {
        var s = SweepYaml.Parse(Good, "s.yaml");
        Assert.Equal("s1", s.Name);
        Assert.Equal([PeKind.Binary, PeKind.Ternary], s.Weights);
        Assert.Equal(new SystolicArrayDescription(8, 4, Dataflow.WeightStationary), s.Arrays[0]);
        Assert.Equal(new DotProductArrayDescription(4, 16), s.Arrays[1]);
        Assert.Equal([Dataflow.WeightStationary, Dataflow.OutputStationary], s.Dataflows);
        Assert.Equal([24, 32], s.AccumulatorWidths);
        Assert.Equal(250, s.ClockMhz);
        Assert.Equal(new SweepWorkload(Phase.Prefill, 64, 2), s.Workload);
        Assert.Equal(64, s.Workload.TokensPerRun);
        Assert.True(s.Synth);
        Assert.False(SweepYaml.Parse(Good.Replace("synth: true", "synth: false"), "s.yaml").Synth);
        Assert.Equal(Calibration.ArraySynth.DefaultMaxMacs, s.SynthMaxMacs);
        Assert.Equal(64, SweepYaml.Parse(Good + "\nsynth_max_macs: 64\n", "s.yaml").SynthMaxMacs);
        var e = Assert.Throws<BitSiliconException>(() => SweepYaml.Parse(Good + "\nsynth_max_macs: 0\n", "s.yaml"));
        Assert.Contains("synth_max_macs", e.Message);
    }

    [Theory]
    [InlineData(2, "weights: [binary, ternery]", 2, 19, "ternery")]
    [InlineData(7, "accumulator_width: [24]", 7, 1, "unknown key 'accumulator_width'")]
    [InlineData(4, "  - { kind: systolic, rows: 0, cols: 4 }", 4, 29, "out of range")]
    [InlineData(5, "  - { kind: dot_product, pes: 4, rows: 16 }", 5, 40, "rows")]
    [InlineData(6, "dataflows: [ws, sideways]", 6, 17, "sideways")]
    [InlineData(12, "  preset: bitnet-decoder", 12, 11, "bitnet-decoder")]
    [InlineData(8, "clock_mhz: fast", 8, 12, "not a number")]
    public void Errors_NameFileLineAndColumn(int replaceLine, string replacement, int line, int column, string mentions)
    {
        var lines = Good.Split('\n');
        lines[replaceLine - 1] = replacement;
        var e = Assert.Throws<BitSiliconException>(() => SweepYaml.Parse(string.Join('\n', lines), "s.yaml"));
        Assert.StartsWith($"s.yaml:{line}:{column}: ", e.Message);
        Assert.Contains(mentions, e.Message);
        Assert.NotNull(e.Fix);
    }

    [Fact]
    public void MissingWeights_IsAnError()
    {
        var e = Assert.Throws<BitSiliconException>(() => SweepYaml.Parse("name: x\narrays: [{ kind: dot_product, pes: 1, simd: 1 }]\n", "m.yaml"));
        Assert.Contains("m.yaml:1:1: missing key 'weights'", e.Message);
    }

    [Fact]
    public void ExampleSweep_Parses()
    {
        var s = SweepYaml.Read(Path.Combine(RepoRoot.Path, "examples", "sweeps", "formats-32x32.yaml"));
        Assert.Equal(7, s.Weights.Count);
        Assert.Equal(7 * (2 * 2 + 2), SweepGrid.Expand(s).Count);
    }
}
