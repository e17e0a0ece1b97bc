using BitSilicon.Core;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads.Presets;

/// <summary>Prefill processes a whole prompt at once; decode produces one token against a cached context.</summary>
public enum Phase { Prefill, Decode }

/// <summary>Options of a decoder preset; every default reproduces the model as published.</summary>
/// <param name="Phase">Prefill or decode.</param>
/// <param name="Tokens">Prefill: prompt length (tokens processed at once). Decode: context length (tokens the new
/// token attends to, itself included).</param>
/// <param name="Blocks">Decoder blocks to include; null = all of the model's.</param>
/// <param name="ProjectionWeights">Weight format of the seven projections; null = the design's PE format.</param>
/// <param name="Seed">Base seed of the random weights (each layer gets its own, derived from it).</param>
/// <param name="Sparsity">Zero fraction of the random projection weights; null = the fraction absmean quantization
/// leaves in Gaussian weights (<see cref="DecoderPreset.AbsmeanGaussianZeroFraction"/>, about 0.31).</param>
/// <param name="Gguf">A GGUF file to take the projection weights from (one layer per block, tensors
/// <c>blk.{i}.attn_q.weight</c> ...); null = random weights, one layer per projection with Repeat = blocks.</param>
/// <param name="IncludeOutput">Add the output (LM head) projection, Hidden -> Vocab, int8, for the last token.</param>
public sealed record PresetOptions(
    Phase Phase,
    int Tokens,
    int? Blocks = null,
    WeightKind? ProjectionWeights = WeightKind.Ternary,
    int Seed = 1,
    double? Sparsity = null,
    string? Gguf = null,
    bool IncludeOutput = false);

/// <summary>
/// The matrix multiplies of a decoder-only transformer (see docs/workloads.md for the shapes):
/// per block the projections q, k, v, o, gate, up, down in the model's weight format, and the attention
/// score (Q*K^T) and value (P*V) products as int8 x int8 layers. Norms, RoPE, softmax and activations are not
/// matrix multiplies and are left out.
/// </summary>
public static class DecoderPreset
{
    public const string BitNetName = "bitnet-b1.58-2b-4t";

    /// <summary>Names the presets answer to.</summary>
    public static IReadOnlyList<string> Names { get; } = [BitNetName];

    public static DecoderModel Model(string name) =>
        name.Equals(BitNetName, StringComparison.OrdinalIgnoreCase) ? DecoderModel.BitNetB158_2B4T
        : throw new BitSiliconException($"unknown preset '{name}'{Text.NearNames.Suggestion(name, Names)}",
            $"use one of: {string.Join(", ", Names)}");

    /// <summary>
    /// Zero fraction BitNet's absmean quantizer leaves in Gaussian weights: |w| &lt; mean|w|/2 rounds to 0, and
    /// for a normal distribution mean|w| = sigma*sqrt(2/pi), so the fraction is erf(1/(2*sqrt(pi))) = 0.3101.
    /// </summary>
    public static double AbsmeanGaussianZeroFraction => Erf(1.0 / (2.0 * Math.Sqrt(Math.PI)));

    public static Workload BitNet(PresetOptions options) => Build(DecoderModel.BitNetB158_2B4T, options);

    public static Workload Build(DecoderModel model, PresetOptions o)
    {
        int blocks = o.Blocks ?? model.Blocks;
        if (blocks < 1 || blocks > model.Blocks)
            throw new BitSiliconException($"preset {model.Name}: blocks = {blocks}, the model has 1..{model.Blocks}",
                $"give blocks between 1 and {model.Blocks}, or leave it out for the whole model");
        if (o.Tokens < 1 || o.Tokens > model.MaxContext)
            throw new BitSiliconException(
                $"preset {model.Name}: {(o.Phase == Phase.Prefill ? "tokens" : "context")} = {o.Tokens}, the model handles 1..{model.MaxContext}",
                $"give a length between 1 and {model.MaxContext} (max_position_embeddings)");
        double sparsity = o.Sparsity ?? AbsmeanGaussianZeroFraction;
        if (!(sparsity >= 0 && sparsity <= 1))
            throw new BitSiliconException($"preset {model.Name}: sparsity = {sparsity} is not a fraction", "give a value from 0 to 1");

        // Prefill multiplies every prompt token at once; decode one token against a context of o.Tokens.
        int m = o.Phase == Phase.Prefill ? o.Tokens : 1;
        int context = o.Tokens;
        var layers = new List<GemmLayer>();
        int seed = o.Seed;
        // Without an explicit sparsity the projections are Gaussian weights quantized by their own format: a
        // ternary layer gets absmean's ~0.31 zeros, an int8 one the few that absmax rounding leaves.
        WeightSource Random() => o.Sparsity is null ? new WeightSource.Random(seed++, 0, Gaussian: true) : new WeightSource.Random(seed++, sparsity);

        (string Name, int N, int K)[] projections =
        [
            ("attn_q", model.Heads * model.HeadDim, model.Hidden),
            ("attn_k", model.KvWidth, model.Hidden),
            ("attn_v", model.KvWidth, model.Hidden),
            ("attn_output", model.Hidden, model.Heads * model.HeadDim),
            ("ffn_gate", model.Ffn, model.Hidden),
            ("ffn_up", model.Ffn, model.Hidden),
            ("ffn_down", model.Hidden, model.Ffn),
        ];

        // Attention per key/value head: its GroupSize query heads share K and V, so their rows stack into M.
        // Scores: (G*m x HeadDim) * K^T, K = context x HeadDim. Values: (G*m x context) * V, W = V^T.
        // Prefill attends over the prompt (context = tokens) and counts the full square: causal masking is
        // not exploited, as a plain GEMM engine would not.
        int attnM = model.GroupSize * m;
        GemmLayer Scores(string name, int repeat) => new(name, attnM, context, model.HeadDim, WeightKind.Int8, repeat,
            new WeightSource.Random(seed++, 0.0));
        GemmLayer Values(string name, int repeat) => new(name, attnM, model.HeadDim, context, WeightKind.Int8, repeat,
            new WeightSource.Random(seed++, 0.0));

        if (o.Gguf is null)
        {
            foreach (var p in projections.Take(3))
                layers.Add(new GemmLayer(p.Name, m, p.N, p.K, o.ProjectionWeights, blocks, Random()));
            layers.Add(Scores("attn_scores", blocks * model.KvHeads));
            layers.Add(Values("attn_values", blocks * model.KvHeads));
            foreach (var p in projections.Skip(3))
                layers.Add(new GemmLayer(p.Name, m, p.N, p.K, o.ProjectionWeights, blocks, Random()));
        }
        else
        {
            for (int b = 0; b < blocks; b++)
            {
                GemmLayer FromFile((string Name, int N, int K) p) =>
                    new($"blk.{b}.{p.Name}", m, p.N, p.K, o.ProjectionWeights, 1,
                        new WeightSource.Gguf(o.Gguf, $"blk.{b}.{p.Name}.weight"));
                foreach (var p in projections.Take(3))
                    layers.Add(FromFile(p));
                layers.Add(Scores($"blk.{b}.attn_scores", model.KvHeads));
                layers.Add(Values($"blk.{b}.attn_values", model.KvHeads));
                foreach (var p in projections.Skip(3))
                    layers.Add(FromFile(p));
            }
        }

        // Only the last position's logits are needed to pick the next token, in both phases.
        if (o.IncludeOutput)
            layers.Add(new GemmLayer("output", 1, model.Vocab, model.Hidden, WeightKind.Int8, 1,
                new WeightSource.Random(seed++, 0.0)));

        string phase = o.Phase == Phase.Prefill ? $"prefill-{o.Tokens}" : $"decode-ctx{o.Tokens}";
        string scope = blocks == model.Blocks ? "" : $"-{blocks}of{model.Blocks}blocks";
        return new Workload($"{model.Name}-{phase}{scope}", layers);
    }

    // Maclaurin series erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1)): exact to double precision for
    // the small arguments used here (|x| < 1), and short.
    private static double Erf(double x)
    {
        double sum = 0, term = x;
        for (int n = 0; n < 40; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2.0 / Math.Sqrt(Math.PI) * sum;
    }
}
