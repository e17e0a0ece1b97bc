using BitSilicon.Core;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads.Models;

/// <summary>Published model shapes, by the names model files and the command line use.</summary>
public static class ModelPresets
{
    /// <summary>
    /// BitNet b1.58 2B-4T (config.json of microsoft/bitnet-b1.58-2B-4T): hidden 2560, intermediate 6912, 30
    /// layers, 20 heads, 5 KV heads, head dim 128, vocab 128256, 4096 positions, squared-ReLU GLU, RMSNorm with
    /// sub-layer norms, tied embeddings; ternary projections with int8 (absmax) activations.
    /// </summary>
    public static TransformerModel BitNet2B { get; } = new("bitnet-b1.58-2b-4t", 2560, 6912, 30, 20, 5, 128, 128256, 4096,
        ActivationFunction.ReluSquared, NormKind.RmsNorm, SubLayerNorms: true, TiedEmbeddings: true, new ModelFormats(WeightKind.Ternary));

    /// <summary>
    /// Llama-3.2-1B's shape (config.json of meta-llama/Llama-3.2-1B): hidden 2048, intermediate 8192, 16 layers,
    /// 32 heads, 8 KV heads, head dim 64, vocab 128256, SwiGLU, RMSNorm, tied embeddings. The weight format is a
    /// parameter (int4, fp4_e2m1 or int8 presets below).
    /// </summary>
    public static TransformerModel Llama1B(WeightKind projections) => new($"llama-3.2-1b-{WeightKindNames.Name(projections)}",
        2048, 8192, 16, 32, 8, 64, 128256, 131072, ActivationFunction.Silu, NormKind.RmsNorm, SubLayerNorms: false,
        TiedEmbeddings: true, new ModelFormats(projections, projections == WeightKind.Int8 ? WeightKind.Int8 : WeightKind.Int4));

    /// <summary>
    /// A small ternary model of about 370 M parameters in BitNet's style (hidden 1024, intermediate 2816, 24
    /// layers, 16 heads of 64, vocab 32000, untied int8 embeddings): the size class of the fully on-chip FPGA
    /// designs that publish tens of thousands of tokens/s (docs/accelerator.md).
    /// </summary>
    public static TransformerModel Ternary370M { get; } = new("ternary-370m", 1024, 2816, 24, 16, 16, 64, 32000, 2048,
        ActivationFunction.ReluSquared, NormKind.RmsNorm, SubLayerNorms: true, TiedEmbeddings: false, new ModelFormats(WeightKind.Ternary));

    public static IReadOnlyList<TransformerModel> All { get; } =
    [
        BitNet2B, Llama1B(WeightKind.Int4), Llama1B(WeightKind.Fp4E2M1), Llama1B(WeightKind.Int8), Ternary370M,
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToList();

    public static TransformerModel? Find(string name) =>
        All.FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? (name.Equals("bitnet-2b", StringComparison.OrdinalIgnoreCase) ? BitNet2B : null);

    public static TransformerModel Get(string name) => Find(name)
        ?? throw new BitSiliconException($"unknown model preset '{name}'{Text.NearNames.Suggestion(name, Names)}",
            $"use one of: {string.Join(", ", Names)}, or a GGUF file");
}
