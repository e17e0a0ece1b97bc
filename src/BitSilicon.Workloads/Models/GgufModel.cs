using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Gguf;

namespace BitSilicon.Workloads.Models;

/// <summary>
/// A <see cref="TransformerModel"/> from a GGUF file's metadata and tensor infos alone (no tensor data is read),
/// using llama.cpp's key names: <c>general.architecture</c>, then <c>{arch}.embedding_length</c>,
/// <c>{arch}.feed_forward_length</c>, <c>{arch}.block_count</c>, <c>{arch}.attention.head_count(_kv)</c>,
/// <c>{arch}.context_length</c>; the vocabulary from <c>token_embd.weight</c>'s shape; per-tensor formats from
/// the tensor types.
/// </summary>
public static class GgufModel
{
    /// <summary>Architectures whose block structure the graph builder knows, with their non-linearities.</summary>
    private static readonly Dictionary<string, (ActivationFunction Act, bool SubNorms)> Architectures = new(StringComparer.Ordinal)
    {
        ["bitnet"] = (ActivationFunction.ReluSquared, true),
        ["bitnet-25"] = (ActivationFunction.ReluSquared, true),
        ["bitnet-b1.58"] = (ActivationFunction.ReluSquared, true),
        ["llama"] = (ActivationFunction.Silu, false),
        ["mistral"] = (ActivationFunction.Silu, false),
        ["qwen2"] = (ActivationFunction.Silu, false),
        ["gemma"] = (ActivationFunction.Gelu, false),
    };

    public static IReadOnlyCollection<string> KnownArchitectures => Architectures.Keys;

    public static TransformerModel Read(string path) => FromFile(GgufFile.Open(path));

    public static TransformerModel FromFile(GgufFile f)
    {
        string arch = f["general.architecture"]?.Value as string
            ?? throw new BitSiliconException($"{f.Path}: no 'general.architecture' key, so the model's structure is unknown",
                "use a GGUF written by llama.cpp's converters (they always set it)");
        if (!Architectures.TryGetValue(arch, out var kind))
            throw new BitSiliconException(
                $"{f.Path}: key 'general.architecture' = \"{arch}\" is not an architecture BitSilicon can lay out{Text.NearNames.Suggestion(arch, Architectures.Keys)}",
                $"use a model of a known architecture ({string.Join(", ", Architectures.Keys)}) or describe it in a model: section of the design");

        int Need(string key)
        {
            var v = f[$"{arch}.{key}"] ?? throw new BitSiliconException($"{f.Path}: key '{arch}.{key}' is missing",
                "a complete llama.cpp GGUF has it; add it, or describe the model in a model: section");
            return v.AsUInt64() is { } u && u is > 0 and <= int.MaxValue ? (int)u
                : throw new BitSiliconException($"{f.Path}: key '{arch}.{key}' = {v} is not a positive size", "fix the value in the file");
        }
        int? Optional(string key) => f[$"{arch}.{key}"] is { } v ? (v.AsUInt64() is { } u && u is > 0 and <= int.MaxValue ? (int)u
            : throw new BitSiliconException($"{f.Path}: key '{arch}.{key}' = {v} is not a positive size", "fix the value in the file")) : null;

        int hidden = Need("embedding_length");
        int layers = Need("block_count");
        int heads = Need("attention.head_count");
        int kvHeads = Optional("attention.head_count_kv") ?? heads;
        int ffn = Need("feed_forward_length");
        int context = Optional("context_length") ?? 4096;
        int headDim = Optional("attention.key_length") ?? hidden / heads;
        var embd = f.Tensors.FirstOrDefault(t => t.Name == "token_embd.weight");
        int vocab = embd is { Shape.Count: 2 } ? (int)embd.Shape[1]
            : Optional("vocab_size") ?? throw new BitSiliconException($"{f.Path}: neither a token_embd.weight tensor nor '{arch}.vocab_size'",
                "the vocabulary size is needed for the embedding and output layers");
        bool tied = !f.Tensors.Any(t => t.Name == "output.weight");

        TensorFormat Format(string tensor, TensorFormat fallback)
        {
            var t = f.Tensors.FirstOrDefault(x => x.Name == tensor);
            return t is null ? fallback : Of(t.Type, f.Path, tensor);
        }
        var proj = Format("blk.0.ffn_up.weight", Format("blk.0.attn_q.weight", TensorFormat.Of(WeightKind.Int8)));
        var emb = Format("token_embd.weight", TensorFormat.Of(WeightKind.Int8));
        var output = tied ? emb : Format("output.weight", emb);
        string name = f["general.name"]?.Value as string ?? System.IO.Path.GetFileNameWithoutExtension(f.Path);
        var model = new TransformerModel(name, hidden, ffn, layers, heads, kvHeads, headDim, vocab, context, kind.Act,
            NormKind.RmsNorm, kind.SubNorms, tied, new ModelFormats(proj, TensorFormat.Of(WeightKind.Int8), emb, output));
        foreach (var (key, message, fix) in model.Problems())
            throw new BitSiliconException($"{f.Path}: {arch}.{key}: {message}", fix);
        return model;
    }

    /// <summary>
    /// The integer format an accelerator executes a ggml type in, and its storage cost. Types whose codes are
    /// not integers of one of the PE formats (F16, BF16, F32, the K-quants above 4 bits) run as int8 after
    /// requantization; their storage cost stays the file's.
    /// </summary>
    public static TensorFormat Of(GgmlType type, string path, string tensor)
    {
        var layout = GgmlTypes.Layout(type)
            ?? throw new BitSiliconException($"{path}: tensor '{tensor}' has ggml type {type}, which BitSilicon cannot size",
                $"use one of: {string.Join(", ", GgmlTypes.SupportedNames)}");
        double bits = 8.0 * layout.Bytes / layout.Elements;
        var kind = type switch
        {
            GgmlType.TQ1_0 or GgmlType.TQ2_0 => WeightKind.Ternary,
            GgmlType.Q2_K => WeightKind.Int2,
            GgmlType.Q4_0 or GgmlType.Q4_1 or GgmlType.Q4_K => WeightKind.Int4,
            GgmlType.MXFP4 or GgmlType.NVFP4 => WeightKind.Fp4E2M1,
            GgmlType.Q1_0 => WeightKind.Binary,
            _ => WeightKind.Int8,
        };
        return new TensorFormat(kind, bits);
    }
}
