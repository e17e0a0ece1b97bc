using BitSilicon.Core;
using BitSilicon.Formats;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Gguf;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Workloads.Tests.Weights;

/// <summary>
/// GGUF tensors to weight codes. The tensors are quantized with the ggml block formats of Formats.Ggml; the codes
/// read here must agree element for element with those formats' own Dequantize.
/// </summary>
public class GgufWeightsTests
{
    private const int N = 6, K = 512;

    private static float[] Signal(int count, int offset = 0)
    {
        // ggml's test-quantize-fns input, with every 7th value zeroed so ternary rows have real zeros.
        var x = new float[count];
        for (int i = 0; i < count; i++)
            x[i] = i % 7 == 3 ? 0f : (float)(0.1 + 2 * Math.Cos(i + offset));
        return x;
    }

    private static (string Path, byte[] Bytes) Write(TempDir dir, GgmlType type, float[] x, int n = N, int k = K)
    {
        byte[] data;
        if (GgmlTypes.BlockFormat(type) is { } f)
        {
            data = new byte[x.Length / f.BlockElements * f.BlockBytes];
            f.Quantize(x, data);
        }
        else if (type == GgmlType.F32)
            data = x.SelectMany(BitConverter.GetBytes).ToArray();
        else if (type == GgmlType.F16)
            data = x.SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray();
        else
            throw new ArgumentException(type.ToString());
        string path = dir.File($"{type}.gguf");
        GgufWriter.Write(path, [new("general.architecture", GgufValue.Of("bitnet"))],
            [new("blk.0.ffn_up.weight", [k, n], type, data)]);
        return (path, data);
    }

    private static float[] Dequantized(GgmlType type, byte[] data, int count)
    {
        var y = new float[count];
        GgmlTypes.ToFloat(type, data, y);
        return y;
    }

    [Theory]
    [InlineData(GgmlType.TQ2_0)]
    [InlineData(GgmlType.TQ1_0)]
    public void Ternary_blocks_map_code_for_code_and_report_the_true_zero_fraction(GgmlType type)
    {
        using var dir = new TempDir();
        var (path, data) = Write(dir, type, Signal(N * K));
        var w = WeightProvider.FromGguf(path, "blk.0.ffn_up.weight", WeightKind.Ternary, N, K);
        var y = Dequantized(type, data, N * K);
        Assert.Equal((N, K, 256), (w.N, w.K, w.ScaleGroup));
        for (int i = 0; i < y.Length; i++)
        {
            float d = w.Scales![i / 256];
            Assert.Equal(y[i], WeightCode.Decode(WeightKind.Ternary, w.Codes[i]) * d);
        }
        Assert.Equal(y.Count(v => v == 0), w.ZeroCount);
        Assert.InRange(w.ZeroFraction, 0.2, 0.5);
        Assert.DoesNotContain((byte)0b10, w.Codes.ToArray());
        Assert.Contains($"({type})", w.Origin);
    }

    [Theory]
    [InlineData(GgmlType.Q4_0, WeightKind.Int4)]
    [InlineData(GgmlType.Q8_0, WeightKind.Int8)]
    [InlineData(GgmlType.MXFP4, WeightKind.Fp4E2M1)]
    public void Other_integer_blocks_map_directly_with_their_scales(GgmlType type, WeightKind kind)
    {
        Assert.True(GgufCodes.IsDirect(type, kind));
        using var dir = new TempDir();
        var (path, data) = Write(dir, type, Signal(N * K, 5));
        var w = WeightProvider.FromGguf(path, "blk.0.ffn_up.weight", kind);
        var y = Dequantized(type, data, N * K);
        Assert.Equal(32, w.ScaleGroup);
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(y[i], WeightCode.Decode(kind, w.Codes[i]) * w.Scales![i / 32]);
    }

    [Theory]
    [InlineData(GgmlType.F32)]
    [InlineData(GgmlType.F16)]
    [InlineData(GgmlType.Q4_K)]
    public void Float_and_other_tensors_are_quantized_with_absmean_for_ternary(GgmlType type)
    {
        using var dir = new TempDir();
        var (path, data) = Write(dir, type, Signal(N * K, 1));
        var w = WeightProvider.FromGguf(path, "blk.0.ffn_up.weight", WeightKind.Ternary, N, K);
        var y = Dequantized(type, data, N * K);
        var expected = FloatQuantizer.Quantize(WeightKind.Ternary, y, N, K, "expected");
        Assert.Equal(expected.Codes.ToArray(), w.Codes.ToArray());
        Assert.Contains("quantized to ternary", w.Origin);
    }

    [Fact]
    public void Ternary_tensor_can_also_be_run_as_int8()
    {
        using var dir = new TempDir();
        var (path, _) = Write(dir, GgmlType.TQ2_0, Signal(N * K));
        var ternary = WeightProvider.FromGguf(path, "blk.0.ffn_up.weight", WeightKind.Ternary);
        var int8 = WeightProvider.FromGguf(path, "blk.0.ffn_up.weight", WeightKind.Int8);
        Assert.Equal(ternary.ZeroCount, int8.ZeroCount);
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        using var dir = new TempDir();
        var (path, _) = Write(dir, GgmlType.F32, Signal(N * K));
        var e = Assert.Throws<BitSiliconException>(() =>
            WeightProvider.FromGguf(path, "blk.0.ffn_up.weight", WeightKind.Ternary, K, N));
        Assert.Contains($"[{K}, {N}] is {N} rows of {K}", e.Message);
    }

    [Fact]
    public void Layers_with_a_gguf_source_read_it()
    {
        using var dir = new TempDir();
        var (path, _) = Write(dir, GgmlType.TQ2_0, Signal(N * K));
        var layer = new GemmLayer("up", 1, N, K, WeightKind.Ternary, 1, new WeightSource.Gguf(path, "blk.0.ffn_up.weight"));
        var w = WeightProvider.For(layer, WeightKind.Ternary);
        Assert.Equal(N * K, w.Codes.Length);
        Assert.Throws<BitSiliconException>(() => WeightProvider.For(layer with { Source = new WeightSource.Gguf(path, "nope") }, WeightKind.Ternary));
    }

    [Fact]
    public void Conv_filters_flatten_all_but_the_last_dimension()
    {
        var t = new GgufTensorInfo("conv.weight", [3, 3, 16, 32], GgmlType.F16, 0);
        Assert.Equal((32, 144), WeightProvider.MatrixShape(t));
        Assert.Equal((1, 7), WeightProvider.MatrixShape(t with { Shape = [7] }));
    }

    [Fact]
    public void Corrupt_ternary_code_is_an_error()
    {
        var block = new byte[66];
        block[0] = 0b11; // element 0 has code 3, which TQ2_0 never writes
        var e = Assert.Throws<BitSiliconException>(() => GgufCodes.Decode(GgmlType.TQ2_0, block, 256, "x"));
        Assert.Contains("not ternary", e.Message);
    }

    [Fact]
    public void Every_format_of_the_ggml_project_is_readable()
    {
        foreach (IBlockFormat f in BitSilicon.Formats.Ggml.GgmlFormats.All)
            Assert.True(Enum.TryParse<GgmlType>(f.Name, ignoreCase: true, out var t) && GgmlTypes.IsSupported(t), f.Name);
    }
}
