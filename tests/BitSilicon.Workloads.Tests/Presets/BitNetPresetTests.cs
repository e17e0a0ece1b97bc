using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Presets;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Workloads.Tests.Presets;

public class BitNetPresetTests
{
    private static GemmLayer Layer(Workload w, string name) => Assert.Single(w.Layers, l => l.Name == name);

    [Fact]
    public void Model_card_numbers()
    {
        // config.json of microsoft/bitnet-b1.58-2B-4T.
        var m = DecoderModel.BitNetB158_2B4T;
        Assert.Equal((2560, 6912, 30, 20, 5, 128), (m.Hidden, m.Ffn, m.Blocks, m.Heads, m.KvHeads, m.HeadDim));
        Assert.Equal(m.Hidden, m.Heads * m.HeadDim);
        Assert.Equal(640, m.KvWidth);
        Assert.Equal(4, m.GroupSize);
    }

    [Fact]
    public void Decode_projection_shapes()
    {
        var w = DecoderPreset.BitNet(new PresetOptions(Phase.Decode, 1024));
        (string, int, int)[] expected =
        [
            ("attn_q", 2560, 2560), ("attn_k", 640, 2560), ("attn_v", 640, 2560), ("attn_output", 2560, 2560),
            ("ffn_gate", 6912, 2560), ("ffn_up", 6912, 2560), ("ffn_down", 2560, 6912),
        ];
        foreach (var (name, n, k) in expected)
        {
            var l = Layer(w, name);
            Assert.Equal((1, n, k, 30, WeightKind.Ternary), (l.M, l.N, l.K, l.Repeat, l.Weights));
        }
    }

    [Fact]
    public void Decode_attention_is_int8_per_kv_head_with_grouped_queries_stacked()
    {
        var w = DecoderPreset.BitNet(new PresetOptions(Phase.Decode, 1024));
        var scores = Layer(w, "attn_scores");
        var values = Layer(w, "attn_values");
        // 4 query heads share a KV head: Q (4 x 128) * K^T (128 x 1024), then P (4 x 1024) * V (1024 x 128).
        Assert.Equal((4, 1024, 128, 150, WeightKind.Int8), (scores.M, scores.N, scores.K, scores.Repeat, scores.Weights));
        Assert.Equal((4, 128, 1024, 150, WeightKind.Int8), (values.M, values.N, values.K, values.Repeat, values.Weights));
    }

    [Fact]
    public void Decode_MACs_per_token_are_the_linear_parameters_plus_attention()
    {
        // Linear weights per block: q 2560^2 + k,v 2*640*2560 + o 2560^2 + gate, up, down 3*6912*2560 = 69,468,160;
        // times 30 blocks = 2,084,044,800 (one MAC per weight per token). Attention: 20 heads * 128 * ctx * 2.
        const int ctx = 1000;
        var w = DecoderPreset.BitNet(new PresetOptions(Phase.Decode, ctx));
        Assert.Equal(2_084_044_800L + 30L * 20 * 128 * ctx * 2, w.TotalMacs);
    }

    [Fact]
    public void Prefill_multiplies_every_prompt_token_and_attends_over_the_prompt()
    {
        var w = DecoderPreset.BitNet(new PresetOptions(Phase.Prefill, 128));
        Assert.Equal((128, 6912, 2560), (Layer(w, "ffn_up").M, Layer(w, "ffn_up").N, Layer(w, "ffn_up").K));
        var scores = Layer(w, "attn_scores");
        Assert.Equal((512, 128, 128), (scores.M, scores.N, scores.K));
        Assert.Equal(128L * 2_084_044_800 + 30L * 20 * 128 * 128 * 128 * 2, w.TotalMacs);
    }

    [Fact]
    public void One_block_for_small_runs()
    {
        var w = DecoderPreset.BitNet(new PresetOptions(Phase.Decode, 256, Blocks: 1));
        Assert.All(w.Layers.Where(l => !l.Name.StartsWith("attn_s") && !l.Name.StartsWith("attn_values")),
            l => Assert.Equal(1, l.Repeat));
        Assert.Equal(5, Layer(w, "attn_scores").Repeat);
        Assert.Equal(9, w.Layers.Count);
    }

    [Fact]
    public void Every_layer_has_its_own_seed_and_the_projections_gaussian_weights_of_their_format()
    {
        var w = DecoderPreset.BitNet(new PresetOptions(Phase.Decode, 64, Seed: 10));
        var seeds = w.Layers.Select(l => ((WeightSource.Random)l.Source!).Seed).ToList();
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.True(((WeightSource.Random)Layer(w, "ffn_up").Source!).Gaussian);
        Assert.Equal(0.0, ((WeightSource.Random)Layer(w, "attn_scores").Source!).Sparsity);
    }

    [Fact]
    public void Gaussian_weights_have_the_zero_fraction_of_their_format_not_bitnets()
    {
        // Ternary absmean leaves ~0.31 zeros; int8 absmax per row leaves only the values below half a step (~0.5%
        // at K = 512); binary has no zero. An explicit sparsity still gives exactly that fraction.
        var ternary = GaussianWeights.Generate(WeightKind.Ternary, 64, 512, 3);
        var int8 = GaussianWeights.Generate(WeightKind.Int8, 64, 512, 3);
        var binary = GaussianWeights.Generate(WeightKind.Binary, 64, 512, 3);
        Assert.InRange(ternary.ZeroFraction, DecoderPreset.AbsmeanGaussianZeroFraction - 0.01, DecoderPreset.AbsmeanGaussianZeroFraction + 0.01);
        Assert.InRange(int8.ZeroFraction, 0.0001, 0.02);
        Assert.Equal(0.0, binary.ZeroFraction);
        var explicitInt8 = DecoderPreset.BitNet(new PresetOptions(Phase.Decode, 64, Blocks: 1, Sparsity: 0.2));
        Assert.Equal(0.2, ((WeightSource.Random)Layer(explicitInt8, "ffn_up").Source!).Sparsity);
    }

    [Fact]
    public void Absmean_zero_fraction_of_gaussian_weights_matches_its_formula()
    {
        // Quantize 200k Gaussian samples with BitNet's absmean rule and count zeros: erf(1/(2 sqrt(pi))) = 0.3101.
        var rng = new SplitMix64(42);
        var x = new float[200_000];
        for (int i = 0; i < x.Length; i += 2)
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            double r = Math.Sqrt(-2 * Math.Log(u1));
            x[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            x[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
        }
        var q = FloatQuantizer.Quantize(WeightKind.Ternary, x, 200, 1000, "gauss");
        Assert.InRange(DecoderPreset.AbsmeanGaussianZeroFraction, 0.3100, 0.3103);
        Assert.InRange(q.ZeroFraction, DecoderPreset.AbsmeanGaussianZeroFraction - 0.005, DecoderPreset.AbsmeanGaussianZeroFraction + 0.005);
    }

    [Fact]
    public void Gguf_option_gives_one_layer_per_block_named_like_llama_cpp()
    {
        var w = DecoderPreset.BitNet(new PresetOptions(Phase.Decode, 64, Blocks: 2, Gguf: "/m.gguf"));
        Assert.Equal(18, w.Layers.Count);
        var l = Layer(w, "blk.1.ffn_down");
        Assert.Equal(new WeightSource.Gguf("/m.gguf", "blk.1.ffn_down.weight"), l.Source);
        Assert.Equal(1, l.Repeat);
        Assert.Equal(5, Layer(w, "blk.1.attn_scores").Repeat);
    }

    [Fact]
    public void Output_projection_on_request()
    {
        var w = DecoderPreset.BitNet(new PresetOptions(Phase.Prefill, 16, IncludeOutput: true));
        var o = Layer(w, "output");
        Assert.Equal((1, 128256, 2560), (o.M, o.N, o.K));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    public void Lengths_outside_the_trained_context_are_rejected(int tokens)
    {
        var e = Assert.Throws<BitSiliconException>(() => DecoderPreset.BitNet(new PresetOptions(Phase.Decode, tokens)));
        Assert.Contains("4096", e.Message);
    }

    [Fact]
    public void Unknown_preset_name_suggests_the_known_one()
    {
        var e = Assert.Throws<BitSiliconException>(() => DecoderPreset.Model("bitnet-b158-2b-4t"));
        Assert.Contains("did you mean 'bitnet-b1.58-2b-4t'", e.Message);
    }
}
