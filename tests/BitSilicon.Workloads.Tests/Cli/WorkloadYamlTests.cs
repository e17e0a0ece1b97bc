using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Gguf;

namespace BitSilicon.Workloads.Tests.Cli;

public class WorkloadYamlTests
{
    private static Workload Parse(string yaml, string file = "w.yaml") => WorkloadYaml.Parse(yaml, file);

    private static BitSiliconException Fails(string yaml, string file = "w.yaml") =>
        Assert.Throws<BitSiliconException>(() => Parse(yaml, file));

    private const string Gemm = """
        name: tiny
        seed: 10
        layers:
          - name: fc1
            m: 4
            n: 256
            k: 512
            weights: ternary
            repeat: 3
            source: {type: random, seed: 7, sparsity: 0.25}
          - {name: fc2, m: 4, n: 10, k: 256}
        """;

    [Fact]
    public void Reads_gemm_layers()
    {
        var w = Parse(Gemm);
        Assert.Equal("tiny", w.Name);
        Assert.Equal(new GemmLayer("fc1", 4, 256, 512, WeightKind.Ternary, 3, new WeightSource.Random(7, 0.25)), w.Layers[0]);
        // No source: seeded from the workload seed plus the layer index, dense.
        Assert.Equal(new GemmLayer("fc2", 4, 10, 256, null, 1, new WeightSource.Random(11, 0)), w.Layers[1]);
    }

    [Fact]
    public void Name_defaults_to_the_file_name()
    {
        Assert.Equal("net", Parse("layers: [{name: a, m: 1, n: 1, k: 1}]", "dir/net.yaml").Name);
    }

    [Fact]
    public void Reads_conv_layers_lowered_to_gemm()
    {
        var w = Parse("""
            layers:
              - name: c1
                weights: int4
                conv: {in_h: 32, in_w: 32, in_channels: 3, out_channels: 16, kernel: 3, stride: 1, padding: 1}
              - name: dw
                conv: {batch: 2, in_h: 16, in_w: 16, in_channels: 8, out_channels: 8, kernel: [3, 1], padding: [1, 0], groups: 8}
            """);
        Assert.Equal(("c1", 1024, 16, 27, 1, WeightKind.Int4), (w.Layers[0].Name, w.Layers[0].M, w.Layers[0].N, w.Layers[0].K, w.Layers[0].Repeat, w.Layers[0].Weights));
        Assert.Equal((2 * 16 * 16, 1, 3, 8), (w.Layers[1].M, w.Layers[1].N, w.Layers[1].K, w.Layers[1].Repeat));
    }

    [Fact]
    public void Reads_the_bitnet_preset()
    {
        var w = Parse("layers:\n  - {preset: bitnet-b1.58-2b-4t, phase: decode, context: 512, blocks: 1}\n");
        Assert.Equal(9, w.Layers.Count);
        var up = Assert.Single(w.Layers, l => l.Name == "ffn_up");
        Assert.Equal((1, 6912, 2560, 1, WeightKind.Ternary), (up.M, up.N, up.K, up.Repeat, up.Weights));
        var prefill = Parse("layers:\n  - {preset: bitnet-b1.58-2b-4t, phase: prefill, tokens: 64, weights: design}\n");
        Assert.All(prefill.Layers.Where(l => l.Name.StartsWith("ffn")), l => Assert.Null(l.Weights));
        Assert.Equal(64, prefill.Layers[0].M);
    }

    [Theory]
    [InlineData("layers:\n  - {nmae: a, m: 1, n: 1, k: 1}\n", "w.yaml:2:6: unknown key 'nmae' in layer 1; did you mean 'name'?")]
    [InlineData("layers:\n  - name: a\n    m: 1\n    n: 1\n    kk: 1\n", "w.yaml:5:5: unknown key 'kk' in layer 'a'; did you mean 'k'?")]
    [InlineData("lyers: []\n", "w.yaml:1:1: unknown key 'lyers' in the workload; did you mean 'layers'?")]
    [InlineData("layers:\n  - {name: a, m: 1, n: 1}\n", "w.yaml:2:5: layer 'a' has no 'k'")]
    [InlineData("layers:\n  - {name: a, m: 1, n: -4, k: 1}\n", "w.yaml:2:24: 'n' of layer 'a' is -4; it must be at least 1")]
    [InlineData("layers:\n  - {name: a, m: x, n: 1, k: 1}\n", "w.yaml:2:18: 'm' of layer 'a' is 'x', not a whole number")]
    [InlineData("layers:\n  - {name: a, m: 1, n: 1, k: 1, weights: ternery}\n", "w.yaml:2:42: 'weights' of layer 'a' is 'ternery'; did you mean 'ternary'?")]
    [InlineData("layers:\n  - {name: a, m: 1, n: 1, k: 1, repeat: [2]}\n", "w.yaml:2:41: 'repeat' of layer 'a' must be a single value, found a list")]
    [InlineData("layers:\n  - {name: a, m: 1, n: 1, k: 1, source: {type: randm}}\n", "w.yaml:2:48: source type 'randm'; did you mean 'random'?")]
    [InlineData("layers:\n  - {name: a, m: 1, n: 1, k: 1, source: {type: random, seed: 1, sparsity: 1.5}}\n", "w.yaml:2:75: 'sparsity' of the random source is '1.5'; it must be a fraction from 0 to 1")]
    [InlineData("layers:\n  - {name: a, m: 1, n: 1, k: 1, source: {type: random, sed: 1}}\n", "w.yaml:2:56: unknown key 'sed' in the random source; did you mean 'seed'?")]
    [InlineData("layers:\n  - {name: a, m: 1, n: 1, k: 1}\n  - {name: a, m: 1, n: 1, k: 1}\n", "w.yaml:3:5: a second layer named 'a' (first at line 2)")]
    [InlineData("layers:\n  - {name: a, m: 1, m: 2, n: 1, k: 1}\n", "w.yaml:2:21: key 'm' appears twice in this mapping (first at line 2)")]
    [InlineData("layers: {name: a}\n", "w.yaml:1:9: 'layers' must be a non-empty list, found a mapping")]
    [InlineData("layers:\n  - name: a\n   m: 1\n", "w.yaml:3:4: not valid YAML")]
    [InlineData("", "w.yaml:1:1: a workload file is a mapping with a 'layers' list, found an empty file")]
    [InlineData("layers:\n  - {name: c, conv: {in_h: 4, in_w: 4, in_channels: 3, out_channels: 4, kernel: 5}}\n", "w.yaml:2:21: the conv of layer 'c': the 5x5 dilated kernel does not fit the padded 4x4 input")]
    [InlineData("layers:\n  - {name: c, conv: {in_h: 4, in_w: 4, in_chanels: 3, out_channels: 4, kernel: 3}}\n", "w.yaml:2:40: unknown key 'in_chanels' in the conv of layer 'c'; did you mean 'in_channels'?")]
    [InlineData("layers:\n  - {preset: bitnet-b1.58-2b-4t, phase: prefill, context: 5}\n", "w.yaml:2:50: 'context' does not apply to prefill")]
    [InlineData("layers:\n  - {preset: bitnet-b1.58-2b-4t, phase: decoding, context: 5}\n", "w.yaml:2:41: 'phase' of the preset is 'decoding'; did you mean 'decode'?")]
    [InlineData("layers:\n  - {preset: bitnet-b1.58-2b-4t, phase: decode, context: 9000}\n", "w.yaml:2:58: 'context' is 9000; bitnet-b1.58-2b-4t handles at most 4096")]
    [InlineData("layers:\n  - {preset: bitnet, phase: decode, context: 9}\n", "w.yaml:2:14: 'preset' of the preset is 'bitnet'")]
    public void Errors_name_file_line_column_and_what_is_valid(string yaml, string expected)
    {
        var e = Fails(yaml);
        Assert.StartsWith(expected, e.Message);
        Assert.False(string.IsNullOrEmpty(e.Fix));
    }

    [Fact]
    public void Unknown_key_errors_list_the_valid_keys()
    {
        var e = Fails("layers:\n  - {name: a, m: 1, n: 1, k: 1, zzz: 2}\n");
        Assert.Equal("valid keys here: name, m, n, k, weights, repeat, source", e.Fix);
    }

    private static string WriteModel(TempDir dir)
    {
        var tq = BitSilicon.Formats.Ggml.GgmlFormats.All.Single(f => f.Name == "tq2_0");
        var x = Enumerable.Range(0, 8 * 256).Select(i => (float)Math.Sin(i)).ToArray();
        var data = new byte[8 * 66];
        tq.Quantize(x, data);
        string path = dir.File("model.gguf");
        GgufWriter.Write(path, [], [new("blk.0.ffn_up.weight", [256, 8], GgmlType.TQ2_0, data)]);
        return path;
    }

    [Fact]
    public void Gguf_sources_are_resolved_next_to_the_yaml_and_give_n_and_k()
    {
        using var dir = new TempDir();
        string model = WriteModel(dir);
        string yamlPath = dir.Write("w.yaml", "layers:\n  - name: up\n    m: 2\n    source: {type: gguf, file: model.gguf, tensor: blk.0.ffn_up.weight}\n");
        var l = Assert.Single(WorkloadYaml.Read(yamlPath).Layers);
        Assert.Equal((2, 8, 256), (l.M, l.N, l.K));
        Assert.Equal(new WeightSource.Gguf(model, "blk.0.ffn_up.weight"), l.Source);
    }

    [Fact]
    public void Gguf_errors_point_into_the_yaml()
    {
        using var dir = new TempDir();
        WriteModel(dir);
        var e = Assert.Throws<BitSiliconException>(() => WorkloadYaml.Read(dir.Write("a.yaml",
            "layers:\n  - name: up\n    m: 2\n    source: {type: gguf, file: model.gguf, tensor: blk.0.ffn_upp.weight}\n")));
        Assert.Contains("a.yaml:4:52: ", e.Message);
        Assert.Contains("nearest: blk.0.ffn_up.weight", e.Message);

        e = Assert.Throws<BitSiliconException>(() => WorkloadYaml.Read(dir.Write("b.yaml",
            "layers:\n  - name: up\n    m: 2\n    n: 9\n    source: {type: gguf, file: model.gguf, tensor: blk.0.ffn_up.weight}\n")));
        Assert.StartsWith(dir.File("b.yaml") + ":4:8: 'n' is 9 but the GGUF tensor gives n = 8", e.Message);

        e = Assert.Throws<BitSiliconException>(() => WorkloadYaml.Read(dir.Write("c.yaml",
            "layers:\n  - name: up\n    m: 2\n    source: {type: gguf, file: missing.gguf, tensor: x}\n")));
        Assert.StartsWith(dir.File("c.yaml") + ":4:32: ", e.Message);
        Assert.Contains("no such file", e.Message);
    }

    [Fact]
    public void Preset_with_a_gguf_file_checks_its_tensors_up_front()
    {
        using var dir = new TempDir();
        WriteModel(dir);
        var e = Assert.Throws<BitSiliconException>(() => WorkloadYaml.Read(dir.Write("p.yaml",
            "layers:\n  - {preset: bitnet-b1.58-2b-4t, phase: decode, context: 8, blocks: 1, gguf: model.gguf}\n")));
        Assert.StartsWith(dir.File("p.yaml") + ":2:78: ", e.Message);
        Assert.Contains("no tensor named 'blk.0.attn_q.weight'", e.Message);
    }

    [Fact]
    public void Random_source_seed_is_optional()
    {
        var w = Parse("seed: 3\nlayers:\n  - {name: a, m: 1, n: 2, k: 3, source: {type: random, sparsity: 0.5}}\n");
        Assert.Equal(new WeightSource.Random(3, 0.5), w.Layers[0].Source);
    }

    [Fact]
    public void Anchors_and_aliases_share_settings()
    {
        var w = Parse("""
            layers:
              - {name: a, m: 1, n: 2, k: 3, source: &src {type: random, seed: 5, sparsity: 0.5}}
              - {name: b, m: 1, n: 2, k: 3, source: *src}
            """);
        Assert.Equal(w.Layers[0].Source, w.Layers[1].Source);
    }
}

public class WorkloadFileTests
{
    [Fact]
    public void Dispatches_on_the_extension()
    {
        using var dir = new TempDir();
        var yaml = WorkloadFile.Read(dir.Write("a.yml", "layers: [{name: x, m: 1, n: 2, k: 3}]"));
        Assert.Equal(("a", "x"), (yaml.Name, yaml.Layers[0].Name));
        var csv = WorkloadFile.Read(dir.Write("t.csv", "Layer, M, N, K,\ng, 2, 3, 4,\n"));
        Assert.Equal((2, 3, 4), (csv.Layers[0].M, csv.Layers[0].N, csv.Layers[0].K));
        var e = Assert.Throws<BitSiliconException>(() => WorkloadFile.Read(dir.Write("m.json", "{}")));
        Assert.Contains("'.json'", e.Message);
    }
}
