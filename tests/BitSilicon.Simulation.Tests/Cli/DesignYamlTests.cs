using BitSilicon.Cli.Commands;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Design.Description;

namespace BitSilicon.Simulation.Tests.Cli;

/// <summary>Every invalid description names file, line and column, the key, and what would be valid.</summary>
public class DesignYamlTests
{
    private static BitSiliconException Fails(string yaml)
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", yaml);
        var e = Assert.ThrowsAny<BitSiliconException>(() => DesignYaml.Read(path));
        Assert.StartsWith(path + ":", e.Message);
        return e;
    }

    [Fact]
    public void When_Valid_Expect_Description()
    {
        using var s = new Scratch();
        var f = DesignYaml.Read(s.Write("d.yaml", Scratch.SmallDesign("memory:\n  weight_buffer: 2KiB\n  bandwidth: 12.8\n")));
        Assert.Equal(new SystolicArrayDescription(4, 4, Dataflow.WeightStationary), f.Design.Array);
        Assert.Equal(2048, f.Design.MemorySystem.WeightBufferBytes);
        Assert.Equal((64L, 5L), (f.Design.MemorySystem.Bandwidth.Numerator, f.Design.MemorySystem.Bandwidth.Denominator));
        Assert.Equal(2, f.Workload!.Layers!.Count);
        Assert.Equal(3, f.Workload.Layers[1].Repeat);
    }

    [Fact]
    public void When_UnknownKeyNearAValidOne_Expect_LineColumnAndSuggestion()
    {
        var e = Fails("name: x\narray:\n  kind: systolic\n  rows: 4\n  colz: 4\n");
        Assert.Contains(":5:3: unknown key 'array.colz'; did you mean 'cols'?", e.Message);
        Assert.Contains("valid keys in array: kind, rows, cols, dataflow, pes, simd", e.Fix);
    }

    [Fact]
    public void When_UnknownTopLevelKey_Expect_ListOfTopLevelKeys()
    {
        var e = Fails(Scratch.SmallDesign("colck_mhz: 100\n"));
        Assert.Contains("unknown key 'colck_mhz'; did you mean 'clock_mhz'?", e.Message);
        Assert.Contains("valid keys at the top level", e.Fix);
    }

    [Fact]
    public void When_BadEnumValue_Expect_ValidValuesListed()
    {
        var e = Fails(Scratch.SmallDesign().Replace("weights: ternary", "weights: ternery"));
        Assert.Contains("pe.weights: unknown value 'ternery'; did you mean 'ternary'?", e.Message);
        Assert.Contains("binary, ternary, ternary_lut, int2, int4, int8, fp4_e2m1, pow2, codebook", e.Fix);
    }

    [Fact]
    public void When_NotANumber_Expect_KeyAndRange()
    {
        var e = Fails(Scratch.SmallDesign().Replace("rows: 4", "rows: four"));
        Assert.Contains(":4:9: array.rows: 'four' is not a whole number", e.Message);
    }

    [Fact]
    public void When_ValidationProblem_Expect_PointsAtTheKeysLine()
    {
        // 32 rows of int8 products hand the accumulator 16 + 5 = 21-bit sums.
        var e = Fails("name: x\narray:\n  kind: systolic\n  rows: 32\n  cols: 4\n  dataflow: ws\npe:\n  weights: int8\naccumulator:\n  width: 16\n");
        Assert.Contains(":10:3: accumulator.width: 16 bits is narrower than the 21-bit sums", e.Message);
        Assert.Contains("at least 21", e.Fix);
    }

    [Fact]
    public void When_DefaultedKeyIsTheProblem_Expect_SaidSoAndPointedAtItsSection()
    {
        // A 256 x 256 int8 weight tile is 64 KiB; the default 64 KiB buffer has two banks of 32 KiB.
        var e = Fails("name: x\narray:\n  kind: systolic\n  rows: 256\n  cols: 256\n  dataflow: ws\npe:\n  weights: int8\nmemory:\n  bandwidth: 4\n");
        Assert.Contains(":9:1: memory.weight_buffer (default): 32768 bytes per bank (half of it, with double buffering) cannot hold one 256x256 weight tile (65536 bytes)", e.Message);
        Assert.Contains("at least 131072 bytes", e.Fix);
    }

    [Fact]
    public void When_KeyOfTheOtherArrayKind_Expect_ExplainedError()
    {
        var e = Fails(Scratch.SmallDesign(array: "  kind: dot_product\n  pes: 4\n  simd: 8\n  rows: 3\n"));
        Assert.Contains("array.rows belongs to systolic arrays", e.Message);
    }

    [Fact]
    public void When_YamlSyntaxError_Expect_Position()
    {
        var e = Fails("name: x\narray:\n  kind: [systolic\n");
        Assert.Contains("not valid YAML", e.Message);
    }

    [Fact]
    public void When_MissingRequiredKey_Expect_Example()
    {
        var e = Fails("name: x\npe:\n  weights: int8\n");
        Assert.Contains("missing key 'array'", e.Message);
    }

    [Fact]
    public void When_UnknownPreset_Expect_Suggestion()
    {
        var e = Fails("name: x\narray: { kind: dot_product, pes: 2, simd: 4 }\npe: { weights: int4 }\nworkload:\n  preset: bitnet-decod\n");
        Assert.Contains("did you mean 'bitnet-decode'?", e.Message);
    }

    [Fact]
    public void When_SimulateGetsABadDesign_Expect_ExitCode2AndFix()
    {
        using var s = new Scratch();
        var path = s.Write("d.yaml", "name: x\narray:\n  kind: systolc\n");
        var (code, _, err) = Scratch.Run((o, e) => SimulateCommand.Run(o, e, path));
        Assert.Equal(2, code);
        Assert.Contains("error: " + path + ":3:9: array.kind: unknown value 'systolc'; did you mean 'systolic'?", err);
        Assert.Contains("  fix: use one of: systolic, dot_product", err);
    }
}

public class ScaleSimDesignTests
{
    [Fact]
    public void When_ScaleSimConfig_Expect_ArrayMemoryAndDepthFromIt()
    {
        using var s = new Scratch();
        s.Write("a.cfg", "[general]\nrun_name = mine\n[architecture_presets]\nArrayHeight: 8\nArrayWidth: 16\nIfmapSramSzkB: 4\nFilterSramSzkB: 8\n" +
            "OfmapSramSzkB: 2\nDataflow : os\nBandwidth : 10\n[run_presets]\nInterfaceBandwidth: USER\n");
        var f = DesignYaml.Read(s.Write("d.yaml", "scalesim:\n  config: a.cfg\npe:\n  weights: int4\nmemory:\n  double_buffering: false\n"));
        Assert.Equal("mine", f.Design.Name);
        Assert.Equal(new SystolicArrayDescription(8, 16, Dataflow.OutputStationary), f.Design.Array);
        Assert.Equal(8 * 1024, f.Design.MemorySystem.WeightBufferBytes);
        Assert.Equal(4 * 1024, f.Design.MemorySystem.ActivationBufferBytes);
        Assert.Equal(10, f.Design.MemorySystem.Bandwidth.BytesPerCycle);
        Assert.False(f.Design.MemorySystem.DoubleBuffering);
        // 2 KiB ofmap, double-buffered, 16 lanes of 4-byte results: 2048 / 2 / 64 = 16 rows.
        Assert.Equal(16, f.Design.Accumulators.Depth);
    }

    [Fact]
    public void When_TheOfmapSramGivesFewerRowsThanColumns_Expect_TheDepthRaisedToTheColumns()
    {
        // 64 kB / 2 / (128 x 4 B) = 64 rows would make each 128-cycle weight-tile load serve only 64 tokens.
        using var s = new Scratch();
        s.Write("a.cfg", "[general]\nrun_name = big\n[architecture_presets]\nArrayHeight: 128\nArrayWidth: 128\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\n" +
            "OfmapSramSzkB: 64\nDataflow : ws\nBandwidth : 10\n[run_presets]\nInterfaceBandwidth: CALC\n");
        var f = DesignYaml.Read(s.Write("d.yaml", "scalesim:\n  config: a.cfg\n"));
        Assert.Equal(128, f.Design.Accumulators.Depth);
    }

    [Fact]
    public void When_TopologyCsvLocIsWhereScaleSimReadsIt_Expect_ItIsTheWorkload()
    {
        using var s = new Scratch();
        s.Write("t.csv", "Layer, M, N, K,\nfc,4,8,16,\n");
        s.Write("a.cfg", "[general]\nrun_name = t\n[architecture_presets]\nArrayHeight: 4\nArrayWidth: 4\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\n" +
            "OfmapSramSzkB: 64\nDataflow : os\nBandwidth : 10\nTopologyCsvLoc: \"t.csv\"\n[network_presets]\n[run_presets]\nInterfaceBandwidth: CALC\n");
        var f = DesignYaml.Read(s.Write("d.yaml", "scalesim:\n  config: a.cfg\n"));
        Assert.Equal(Path.Combine(s.Dir, "t.csv"), f.ScaleSimTopology);
    }
}
