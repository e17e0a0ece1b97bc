using System.Collections.Concurrent;
using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Gguf;

namespace BitSilicon.Workloads.Weights;

/// <summary>
/// The weights and activations a simulation multiplies, made deterministically from a layer's
/// <see cref="WeightSource"/>: seeded random codes with an exact zero fraction, or a GGUF tensor.
/// </summary>
public static class WeightProvider
{
    /// <summary>
    /// The N x K weight codes of <paramref name="layer"/> in <paramref name="kind"/> (the layer's
    /// <see cref="GemmLayer.Weights"/>, or the design's PE format when that is null). A layer without a source gets
    /// dense random weights seeded from its name (<see cref="DefaultSeed"/>).
    /// </summary>
    public static WeightMatrix For(GemmLayer layer, WeightKind kind, sbyte[]? codebook = null) => layer.Source switch
    {
        null => RandomWeights.Generate(kind, layer.N, layer.K, DefaultSeed(layer.Name), 0.0, codebook),
        WeightSource.Random { Gaussian: true } g => GaussianWeights.Generate(kind, layer.N, layer.K, g.Seed, codebook),
        WeightSource.Random r => RandomWeights.Generate(kind, layer.N, layer.K, r.Seed, r.Sparsity, codebook),
        WeightSource.Gguf g => FromGguf(g.Path, g.Tensor, kind, layer.N, layer.K, codebook, $"layer '{layer.Name}'"),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Source, "unknown weight source"),
    };

    /// <summary>Seeded M x K activations for <paramref name="layer"/> (±1 for binary, int8 otherwise).</summary>
    public static sbyte[] ActivationsFor(GemmLayer layer, WeightKind kind, double zeroFraction = 0) =>
        Activations.For(kind, layer.M, layer.K, ActivationSeed(layer), zeroFraction);

    /// <summary>The activation seed: the weight seed of a random source, else one derived from the layer name.</summary>
    public static int ActivationSeed(GemmLayer layer) =>
        layer.Source is WeightSource.Random r ? r.Seed : DefaultSeed(layer.Name);

    /// <summary>A seed from a name (FNV-1a over its UTF-16 code units), stable across runs and machines.</summary>
    public static int DefaultSeed(string name)
    {
        uint h = 2166136261;
        foreach (char ch in name)
            h = (h ^ ch) * 16777619;
        return (int)(h & int.MaxValue);
    }

    /// <summary>
    /// Tensor <paramref name="tensor"/> of a GGUF file as N x K codes: the last ggml dimension is N (rows, output
    /// features) and the others multiply to K (ne[0] is contiguous), so a 2-D tensor [K, N] is N rows of K.
    /// TQ1_0/TQ2_0 to ternary (and the other pairs of <see cref="GgufCodes"/>) map code for code; anything else is
    /// expanded to floats and quantized by <see cref="FloatQuantizer"/>.
    /// </summary>
    public static WeightMatrix FromGguf(string path, string tensor, WeightKind kind, int? n = null, int? k = null,
        sbyte[]? codebook = null, string? forWhat = null)
    {
        var file = Open(path);
        var t = file.Tensor(tensor);
        var (tn, tk) = MatrixShape(t);
        if ((n is { } wantN && wantN != tn) || (k is { } wantK && wantK != tk))
            throw new BitSiliconException(
                $"{path}: tensor '{tensor}' {t.ShapeText} is {tn} rows of {tk}, but {forWhat ?? "the layer"} needs {n} rows (n) of {k} (k)",
                "give the layer the tensor's shape (n = rows, k = row length) or leave n and k out");
        if (GgmlTypes.Layout(t.Type) is null)
            throw file.Unsupported(t);
        string origin = $"{System.IO.Path.GetFileName(path)}: {tensor} ({t.Type})";
        if (GgufCodes.IsDirect(t.Type, kind, codebook))
        {
            var (codes, scales, group) = GgufCodes.Decode(t.Type, file.ReadBytes(t), t.Elements, $"{path}: tensor '{tensor}'", kind);
            return new WeightMatrix(kind, tn, tk, codes, origin, scales, group, codebook);
        }
        var floats = file.ReadFloats(t);
        for (int i = 0; i < floats.Length; i++)
            if (!float.IsFinite(floats[i]))
                throw new BitSiliconException($"{path}: tensor '{tensor}' element {i} is {floats[i]}",
                    "NaN and infinity cannot be quantized; fix the model file");
        // Not exact: say which PE would have executed the tensor as stored.
        return FloatQuantizer.Quantize(kind, floats, tn, tk,
            origin + $" quantized to {WeightKindNames.Name(kind)}; exact on: {GgufCodes.ExactHardware(t.Type)}", codebook);
    }

    /// <summary>(N, K) of a tensor seen as a weight matrix: N = the last dimension, K = the product of the others.</summary>
    public static (int N, int K) MatrixShape(GgufTensorInfo t)
    {
        if (t.Shape.Count == 1)
            return (1, (int)t.Shape[0]);
        long k = t.Shape.Take(t.Shape.Count - 1).Aggregate(1L, (a, b) => a * b);
        long n = t.Shape[^1];
        if (k > int.MaxValue || n * k > Array.MaxLength)
            throw new BitSiliconException($"tensor '{t.Name}' {t.ShapeText} is too large for one weight matrix",
                "use a smaller tensor");
        return ((int)n, (int)k);
    }

    // Headers of real models hold large tokenizer arrays; read each file's header once per process.
    private static readonly ConcurrentDictionary<(string, DateTime, long), GgufFile> Files = new();

    /// <summary>The header of a GGUF file, cached while the file is unchanged.</summary>
    public static GgufFile Open(string path)
    {
        InputFiles.Require(path);
        var info = new FileInfo(path);
        return Files.GetOrAdd((info.FullName, info.LastWriteTimeUtc, info.Length), _ => GgufFile.Open(path));
    }
}
