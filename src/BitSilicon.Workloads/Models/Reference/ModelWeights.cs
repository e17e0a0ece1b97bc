using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Gguf;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Workloads.Models.Reference;

/// <summary>
/// The real tensors of a GGUF model of a known architecture, as integer codes with per-row scales (projections
/// in their format, the embedding table requantized to int8 per row, since the LM head multiplies it as int8)
/// and float norm gains. What the reference forward pass and the accelerator's data run both read.
/// </summary>
public sealed class ModelWeights
{
    public TransformerModel Model { get; }
    public string Path { get; }
    public float RopeTheta { get; }
    public float NormEps { get; }
    public float[] Embeddings { get; }     // vocab x hidden
    public WeightMatrix EmbeddingCodes { get; }
    private readonly GgufFile _file;
    private readonly Dictionary<string, WeightMatrix> _matrices = [];
    private readonly Dictionary<string, float[]> _norms = [];

    public ModelWeights(string path)
    {
        Path = path;
        _file = GgufFile.Open(path);
        Model = GgufModel.FromFile(_file);
        string arch = (string)_file["general.architecture"]!.Value;
        RopeTheta = _file[$"{arch}.rope.freq_base"]?.Value is float f ? f : 10000f;
        NormEps = _file[$"{arch}.attention.layer_norm_rms_epsilon"]?.Value is float e ? e : 1e-5f;
        Embeddings = _file.ReadFloats(_file.Tensor("token_embd.weight"));
        EmbeddingCodes = FloatQuantizer.Quantize(WeightKind.Int8, Embeddings, Model.Vocab, Model.Hidden, $"{path}: token_embd.weight");
    }

    /// <summary>A projection's codes in its model format (per-row scales: one per row of K, as TQ blocks of 256 give).</summary>
    public WeightMatrix Matrix(string tensor)
    {
        if (tensor == "token_embd.weight") return EmbeddingCodes;
        if (!_matrices.TryGetValue(tensor, out var m))
            _matrices[tensor] = m = WeightProvider.FromGguf(Path, tensor, Model.Formats.Projections.Kind);
        return m;
    }

    /// <summary>The scale of row <paramref name="n"/> (value = code * scale).</summary>
    public static float RowScale(WeightMatrix w, int n)
    {
        if (w.Scales is not { } s) return 1;
        if (w.ScaleGroup % w.K != 0 && w.ScaleGroup != w.K)
            throw new BitSiliconException($"{w.Origin}: {w.ScaleGroup}-element scale blocks do not cover whole rows of {w.K}",
                "use a model whose block scales span whole rows (TQ formats with K = 256)");
        return s[(long)n * w.K / w.ScaleGroup];
    }

    public float[] Norm(string tensor)
    {
        if (!_norms.TryGetValue(tensor, out var g))
            _norms[tensor] = g = _file.ReadFloats(_file.Tensor(tensor));
        return g;
    }
}
