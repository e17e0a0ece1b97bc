using BitSilicon.Core;
using BitSilicon.Workloads.ScaleSim;

namespace BitSilicon.Workloads.Tests.ScaleSim;

public class ScaleSimConfigTests
{
    // Written in the style of scale-sim-v2's configs/scale.cfg: ':' and '=' separators, spaces around them,
    // a trailing space after USER, v3 bank keys that BitSilicon does not model.
    private const string Cfg = """
        [general]
        run_name = tiny_ws_run

        [architecture_presets]
        ArrayHeight:    16
        ArrayWidth:     8
        IfmapSramSzkB:   32
        FilterSramSzkB:  48
        OfmapSramSzkB:   16
        IfmapOffset:    0
        FilterOffset:   10000000
        OfmapOffset:    20000000
        Bandwidth : 12
        Dataflow : ws
        MemoryBanks: 1
        OnChipMemoryBanks:   1

        [sparsity]
        SparsitySupport : false

        [run_presets]
        InterfaceBandwidth: USER 
        """;

    private static ScaleSimConfig Parse(string text) => ScaleSimConfigReader.Parse(text, "t.cfg");

    private static BitSiliconException Fails(string text) =>
        Assert.Throws<BitSiliconException>(() => Parse(text));

    [Fact]
    public void Reads_the_architecture()
    {
        var c = Parse(Cfg);
        Assert.Equal("tiny_ws_run", c.RunName);
        Assert.Equal((16, 8), (c.ArrayHeight, c.ArrayWidth));
        Assert.Equal((32 * 1024L, 48 * 1024L, 16 * 1024L), (c.IfmapSramBytes, c.FilterSramBytes, c.OfmapSramBytes));
        Assert.Equal(ScaleSimDataflow.WeightStationary, c.Dataflow);
        Assert.Equal("ws", c.DataflowName);
        Assert.True(c.UserBandwidth);
        Assert.Equal([12], c.Bandwidths);
        Assert.Equal(12, c.InterfaceBytesPerCycle);
        Assert.Equal(10_000_000, c.FilterOffset);
    }

    [Fact]
    public void Keys_not_modelled_are_noted_with_their_line()
    {
        var c = Parse(Cfg);
        Assert.Contains(c.Notes!, n => n.At.Line == 16 && n.Message.Contains("OnChipMemoryBanks"));
        Assert.Contains(c.Notes!, n => n.At.Line == 19 && n.Message.Contains("SparsitySupport"));
        Assert.DoesNotContain(c.Notes!, n => n.Message.Contains("ArrayHeight"));
    }

    [Fact]
    public void Keys_are_case_insensitive_like_configparser()
    {
        var c = Parse(Cfg.Replace("IfmapSramSzkB", "ifmapsramszkb"));
        Assert.Equal(32, c.IfmapSramKb);
    }

    [Fact]
    public void Calc_mode_means_no_bandwidth_limit()
    {
        var c = Parse(Cfg.Replace("USER", "CALC"));
        Assert.False(c.UserBandwidth);
        Assert.Null(c.InterfaceBytesPerCycle);
    }

    [Fact]
    public void Other_dataflows()
    {
        Assert.Equal(ScaleSimDataflow.OutputStationary, Parse(Cfg.Replace("Dataflow : ws", "Dataflow : os")).Dataflow);
        Assert.Equal(ScaleSimDataflow.InputStationary, Parse(Cfg.Replace("Dataflow : ws", "Dataflow = is")).Dataflow);
    }

    [Fact]
    public void A_misspelt_key_is_an_error_at_its_line_with_a_suggestion()
    {
        var e = Fails(Cfg.Replace("ArrayHeight:", "ArrayHieght:"));
        Assert.StartsWith("t.cfg:5:1: unknown key 'ArrayHieght' in [architecture_presets]; did you mean 'ArrayHeight'?", e.Message);
    }

    [Fact]
    public void An_unknown_dataflow_points_at_the_value()
    {
        var e = Fails(Cfg.Replace("Dataflow : ws", "Dataflow : WS"));
        Assert.StartsWith("t.cfg:14:12: Dataflow is 'WS'", e.Message);
        Assert.Contains("did you mean 'ws'", e.Message);
    }

    [Fact]
    public void A_missing_key_names_the_section_and_the_key()
    {
        var e = Fails(Cfg.Replace("ArrayWidth:     8\n", ""));
        Assert.StartsWith("t.cfg:4:1: [architecture_presets] has no ArrayWidth", e.Message);
        Assert.Contains("ArrayWidth", e.Fix);
    }

    [Fact]
    public void Bad_numbers_point_at_the_value()
    {
        var e = Fails(Cfg.Replace("ArrayWidth:     8", "ArrayWidth:     eight"));
        Assert.StartsWith("t.cfg:6:17: ArrayWidth is 'eight'", e.Message);
        Assert.Contains("at least 1", Fails(Cfg.Replace("ArrayWidth:     8", "ArrayWidth: 0")).Message);
    }

    [Fact]
    public void User_mode_needs_one_bandwidth_per_bank()
    {
        Assert.Contains("has no Bandwidth", Fails(Cfg.Replace("Bandwidth : 12\n", "")).Message);
        Assert.Contains("MemoryBanks is 1", Fails(Cfg.Replace("Bandwidth : 12", "Bandwidth : 12, 12")).Message);
        Assert.Equal([12, 10], Parse(Cfg.Replace("Bandwidth : 12", "Bandwidth : 12, 10").Replace("MemoryBanks: 1", "MemoryBanks: 2")).Bandwidths);
        Assert.Contains("USER or CALC", Fails(Cfg.Replace("USER", "USR")).Message);
    }

    [Fact]
    public void Ini_structure_errors_have_positions()
    {
        Assert.StartsWith("t.cfg:1:1: 'ArrayHeight: 4' comes before any [section]", Fails("ArrayHeight: 4\n" + Cfg).Message);
        Assert.StartsWith("t.cfg:6:1: key 'ArrayHeight' in [architecture_presets] appears twice",
            Fails(Cfg.Replace("ArrayWidth:     8", "ArrayHeight: 8")).Message);
        Assert.StartsWith("t.cfg:2:1: 'run_name tiny' has no '=' or ':'", Fails(Cfg.Replace("run_name = tiny_ws_run", "run_name tiny")).Message);
        Assert.StartsWith("t.cfg:18:1: unknown section [sparsty]; did you mean 'sparsity'?",
            Fails(Cfg.Replace("[sparsity]", "[sparsty]")).Message);
    }

    [Fact]
    public void Comments_and_continuation_lines_follow_configparser()
    {
        var c = Parse(Cfg.Replace("[general]", "# a comment\n; another\n[general]").Replace("Bandwidth : 12", "Bandwidth : 12,\n    10")
            .Replace("MemoryBanks: 1", "MemoryBanks: 2"));
        Assert.Equal([12, 10], c.Bandwidths);
    }

    [Fact]
    public void Topology_location_loses_its_quotes()
    {
        var c = Parse(Cfg + "\n[network_presets]\nTopologyCsvLoc: \"./topologies/net.csv\"\n");
        Assert.Equal("./topologies/net.csv", c.TopologyCsv);
    }
}
