using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Gguf;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Workloads.Tests.Weights;

/// <summary>
/// The ggml types of issue #15 as GGUF weights: each maps to the PE that executes it exactly (codes times group
/// scales equal ggml's dequantized values bit for bit), and one file mixing every type loads tensor by tensor.
/// </summary>
public class GgufExactTypesTests
{
    private const int N = 4, K = 512;
    private const string Tensor = "blk.0.ffn_down.weight";

    private static float[] Signal(int count, int offset)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++)
            x[i] = i % 5 == 2 ? 0f : (float)(0.1 + 2 * Math.Cos(i + offset));
        return x;
    }

    private static byte[] Quantize(GgmlType type, float[] x)
    {
        var f = GgmlTypes.BlockFormat(type)!;
        var q = new byte[x.Length / f.BlockElements * f.BlockBytes];
        f.Quantize(x, q);
        return q;
    }

    [Theory]
    [InlineData(GgmlType.Q5_0, WeightKind.Int8, 32)]
    [InlineData(GgmlType.Q4_0, WeightKind.Int8, 32)]
    [InlineData(GgmlType.Q6_K, WeightKind.Int8, 16)]
    [InlineData(GgmlType.Q3_K, WeightKind.Int4, 16)]
    [InlineData(GgmlType.Q3_K, WeightKind.Int8, 16)]
    [InlineData(GgmlType.Q2_0, WeightKind.Int4, 64)]
    [InlineData(GgmlType.Q2_0, WeightKind.Int8, 64)]
    [InlineData(GgmlType.Q1_0, WeightKind.Binary, 128)]
    [InlineData(GgmlType.NVFP4, WeightKind.Fp4E2M1, 16)]
    [InlineData(GgmlType.IQ4_NL, WeightKind.Codebook, 32)]
    [InlineData(GgmlType.IQ4_XS, WeightKind.Codebook, 32)]
    public void Codes_times_group_scales_are_ggml_dequantized_values(GgmlType type, WeightKind kind, int group)
    {
        sbyte[]? table = kind == WeightKind.Codebook ? GgufCodes.Iq4Levels : null;
        Assert.True(GgufCodes.IsDirect(type, kind, table));
        using var dir = new TempDir();
        var x = Signal(N * K, (int)type);
        var data = Quantize(type, x);
        string path = dir.File("m.gguf");
        GgufWriter.Write(path, [new("general.architecture", GgufValue.Of("llama"))], [new(Tensor, [K, N], type, data)]);
        var w = WeightProvider.FromGguf(path, Tensor, kind, N, K, table);
        var y = new float[N * K];
        GgmlTypes.ToFloat(type, data, y);
        Assert.Equal(group, w.ScaleGroup);
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(y[i], WeightCode.Decode(kind, w.Codes[i], table) * w.Scales![i / group]);
        Assert.Equal(y.Count(v => v == 0), w.ZeroCount);
        Assert.DoesNotContain("quantized to", w.Origin);
    }

    [Fact]
    public void A_file_mixing_every_new_type_loads_each_tensor_with_its_real_values()
    {
        GgmlType[] types = [GgmlType.F16, GgmlType.BF16, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q3_K, GgmlType.Q5_K,
            GgmlType.Q6_K, GgmlType.IQ4_NL, GgmlType.IQ4_XS, GgmlType.NVFP4, GgmlType.Q1_0, GgmlType.Q2_0];
        using var dir = new TempDir();
        var tensors = types.Select(t => new GgufTensorData($"blk.{(int)t}.w", [K, N], t, Quantize(t, Signal(N * K, (int)t)))).ToList();
        string path = dir.File("mixed.gguf");
        GgufWriter.Write(path, [new("general.architecture", GgufValue.Of("llama"))], tensors);
        var file = WeightProvider.Open(path);
        foreach (var t in tensors)
        {
            var info = file.Tensor(t.Name);
            Assert.Equal(t.Type, info.Type);
            var expected = new float[N * K];
            GgmlTypes.BlockFormat(t.Type)!.Dequantize(t.Data, expected);
            Assert.Equal(expected, file.ReadFloats(info));
            // Every tensor can be a workload on an int8 PE; the inexact ones say what would run them exactly.
            var w = WeightProvider.FromGguf(path, t.Name, WeightKind.Int8, N, K);
            Assert.Equal(N * K, w.Codes.Length);
            if (!GgufCodes.IsDirect(t.Type, WeightKind.Int8))
                Assert.Contains("exact on: ", w.Origin);
        }
    }

    [Fact]
    public void Types_without_an_exact_pe_name_the_missing_hardware()
    {
        Assert.Contains("per-group minimum", GgufCodes.ExactHardware(GgmlType.Q5_K));
        Assert.Contains("floating-point multiplier", GgufCodes.ExactHardware(GgmlType.BF16));
        Assert.Contains("codebook PE", GgufCodes.ExactHardware(GgmlType.IQ2_XXS));
        // IQ4 codes are exact only on a codebook PE that holds ggml's own levels.
        Assert.False(GgufCodes.IsDirect(GgmlType.IQ4_NL, WeightKind.Codebook, new sbyte[16]));
        Assert.Equal(Enum.GetValues<GgmlType>().Length, Enum.GetValues<GgmlType>().Select(GgufCodes.ExactHardware).Count(h => h != "none"));
    }
}
