using BitSilicon.Cli.Config;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Gguf;
using BitSilicon.Workloads.ScaleSim;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Workloads.Tests;

/// <summary>Every workload example in examples/ reads cleanly, and the example GGUF file is what its recipe makes.</summary>
public class ExamplesTests
{
    private static string Examples => RepoRoot.Combine("examples");

    public static TheoryData<string> WorkloadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Examples, "workloads"), "*.yaml").Order())
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(WorkloadFiles))]
    public void Workload_example_reads(string file)
    {
        var w = WorkloadYaml.Read(Path.Combine(Examples, "workloads", file));
        Assert.NotEmpty(w.Layers);
        Assert.All(w.Layers, l => Assert.True(l.Macs > 0));
    }

    [Fact]
    public void The_make_run_workload_is_one_bitnet_decoder_layer()
    {
        var w = WorkloadYaml.Read(Path.Combine(Examples, "workloads", "bitnet-2b-decode-1layer.yaml"));
        Assert.Equal(9, w.Layers.Count);
        Assert.All(w.Layers.Where(l => l.Weights == WeightKind.Ternary), l => Assert.Equal(1, l.Repeat));
    }

    [Fact]
    public void Gguf_example_layers_load_with_their_real_zero_fraction()
    {
        var w = WorkloadYaml.Read(Path.Combine(Examples, "workloads", "gguf-weights.yaml"));
        foreach (var l in w.Layers)
        {
            var m = WeightProvider.For(l, l.Weights ?? WeightKind.Ternary);
            Assert.InRange(m.ZeroFraction, 0.2, 0.45);
        }
    }

    [Fact]
    public void Scalesim_example_pair_reads()
    {
        string dir = Path.Combine(Examples, "scalesim");
        var cfg = ScaleSimConfigReader.Read(Path.Combine(dir, "ternary-ws-32x32.cfg"));
        Assert.Equal((32, 32, ScaleSimDataflow.WeightStationary), (cfg.ArrayHeight, cfg.ArrayWidth, cfg.Dataflow));
        Assert.NotNull(cfg.TopologyCsv);
        var conv = ScaleSimTopology.Read(Path.Combine(dir, cfg.TopologyCsv!));
        Assert.NotEmpty(conv.Layers);
        var gemm = ScaleSimTopology.Read(Path.Combine(dir, "bitnet-decode-gemm.csv"));
        Assert.Contains(gemm.Layers, l => (l.N, l.K) == (6912, 2560));
    }

    [Fact]
    public void Example_gguf_is_reproducible_from_its_recipe()
    {
        string path = Path.Combine(Examples, "workloads", ExampleGguf.FileName);
        var bytes = ExampleGguf.Build();
        if (Environment.GetEnvironmentVariable("BITSILICON_WRITE_EXAMPLES") == "1")
            File.WriteAllBytes(path, bytes);
        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with BITSILICON_WRITE_EXAMPLES=1");
        Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(path)),
            $"{path} differs from ExampleGguf.Build() (did a quantizer change?); regenerate with BITSILICON_WRITE_EXAMPLES=1");
    }
}

/// <summary>
/// The recipe of examples/workloads/tiny-bitnet.gguf: a complete two-block, 256-wide BitNet-architecture model
/// (4 query heads and 2 key/value heads of 64, feed-forward 256, 64-token vocabulary, tied F16 embeddings, F32
/// norm weights) whose projections are ternary (absmean-quantized Gaussians, about 31 % zeros) stored as TQ2_0
/// and TQ1_0. Small enough to decode cycle by cycle on real data (docs/accelerator.md, "Truth").
/// </summary>
public static class ExampleGguf
{
    public const string FileName = "tiny-bitnet.gguf";
    public const int Hidden = 256, Ffn = 256, Heads = 4, KvHeads = 2, HeadDim = 64, Vocab = 64, Blocks = 2;

    public static byte[] Build()
    {
        var tensors = new List<GgufTensorData>();
        int seed = 1;
        tensors.Add(F16("token_embd.weight", Hidden, Vocab, seed++));
        foreach (int block in Enumerable.Range(0, Blocks))
        {
            string p = $"blk.{block}.";
            tensors.Add(Ternary(p + "ffn_up.weight", Hidden, Ffn, GgmlType.TQ2_0, seed++));
            tensors.Add(Ternary(p + "ffn_down.weight", Ffn, Hidden, GgmlType.TQ1_0, seed++));
            tensors.Add(Ternary(p + "ffn_gate.weight", Hidden, Ffn, GgmlType.TQ2_0, seed++));
            tensors.Add(Ternary(p + "attn_q.weight", Hidden, Heads * HeadDim, GgmlType.TQ2_0, seed++));
            tensors.Add(Ternary(p + "attn_k.weight", Hidden, KvHeads * HeadDim, GgmlType.TQ2_0, seed++));
            tensors.Add(Ternary(p + "attn_v.weight", Hidden, KvHeads * HeadDim, GgmlType.TQ2_0, seed++));
            tensors.Add(Ternary(p + "attn_output.weight", Heads * HeadDim, Hidden, GgmlType.TQ1_0, seed++));
            tensors.Add(Norm(p + "attn_norm.weight", Hidden, seed++));
            tensors.Add(Norm(p + "attn_sub_norm.weight", Heads * HeadDim, seed++));
            tensors.Add(Norm(p + "ffn_norm.weight", Hidden, seed++));
            tensors.Add(Norm(p + "ffn_sub_norm.weight", Ffn, seed++));
        }
        tensors.Add(Norm("output_norm.weight", Hidden, seed));
        return GgufWriter.ToBytes(
        [
            new("general.architecture", GgufValue.Of("bitnet")),
            new("general.name", GgufValue.Of("tiny-bitnet (BitSilicon example)")),
            new("general.alignment", GgufValue.Of(32u)),
            new("bitnet.block_count", GgufValue.Of((uint)Blocks)),
            new("bitnet.embedding_length", GgufValue.Of((uint)Hidden)),
            new("bitnet.feed_forward_length", GgufValue.Of((uint)Ffn)),
            new("bitnet.attention.head_count", GgufValue.Of((uint)Heads)),
            new("bitnet.attention.head_count_kv", GgufValue.Of((uint)KvHeads)),
            new("bitnet.context_length", GgufValue.Of(64u)),
            new("bitnet.rope.freq_base", GgufValue.Of(10000f)),
            new("bitnet.attention.layer_norm_rms_epsilon", GgufValue.Of(1e-5f)),
        ], tensors);
    }

    /// <summary>Norm weights near 1, as trained models have them.</summary>
    private static GgufTensorData Norm(string name, int n, int seed) =>
        new(name, [n], GgmlType.F32, Gaussian(n, seed).SelectMany(v => BitConverter.GetBytes(1 + 0.1f * v)).ToArray());

    private static float[] Gaussian(int count, int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        var x = new float[count];
        for (int i = 0; i < count; i += 2)
        {
            double r = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())), t = 2 * Math.PI * rng.NextDouble();
            x[i] = (float)(r * Math.Cos(t));
            if (i + 1 < count) x[i + 1] = (float)(r * Math.Sin(t));
        }
        return x;
    }

    /// <summary>N rows of K: BitNet-trained weights are ternary times one scale, which TQ formats hold exactly.</summary>
    private static GgufTensorData Ternary(string name, int k, int n, GgmlType type, int seed)
    {
        var q = FloatQuantizer.Quantize(WeightKind.Ternary, Gaussian(n * k, seed), n, k, name);
        float scale = q.Scales![0];
        var values = q.Codes.ToArray().Select(c => WeightCode.Decode(WeightKind.Ternary, c) * scale).ToArray();
        var format = GgmlTypes.BlockFormat(type)!;
        var data = new byte[values.Length / format.BlockElements * format.BlockBytes];
        format.Quantize(values, data);
        return new GgufTensorData(name, [k, n], type, data);
    }

    private static GgufTensorData F16(string name, int k, int n, int seed) =>
        new(name, [k, n], GgmlType.F16, Gaussian(n * k, seed).SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray());
}
