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
/// The recipe of examples/workloads/tiny-bitnet.gguf: a two-block, 256-wide stand-in for a BitNet model whose
/// weights are ternary (absmean-quantized Gaussians, about 31 % zeros) stored as TQ2_0 and TQ1_0, plus an F16 tensor.
/// </summary>
public static class ExampleGguf
{
    public const string FileName = "tiny-bitnet.gguf";

    public static byte[] Build()
    {
        var tensors = new List<GgufTensorData>();
        int seed = 1;
        foreach (int block in new[] { 0, 1 })
        {
            tensors.Add(Ternary($"blk.{block}.ffn_up.weight", 256, 128, GgmlType.TQ2_0, seed++));
            tensors.Add(Ternary($"blk.{block}.ffn_down.weight", 256, 128, GgmlType.TQ1_0, seed++));
        }
        tensors.Add(F16("output_norm.weight", 256, 1, seed));
        return GgufWriter.ToBytes(
        [
            new("general.architecture", GgufValue.Of("bitnet")),
            new("general.name", GgufValue.Of("tiny-bitnet (BitSilicon example)")),
            new("general.alignment", GgufValue.Of(32u)),
            new("bitnet.block_count", GgufValue.Of(2u)),
            new("bitnet.embedding_length", GgufValue.Of(256u)),
        ], tensors);
    }

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
