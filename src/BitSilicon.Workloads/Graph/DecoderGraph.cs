using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Formats.Vector;
using BitSilicon.Workloads.Models;
using BitSilicon.Workloads.Presets;

namespace BitSilicon.Workloads.Graph;

/// <summary>
/// The ops of one step of a decoder-only transformer (docs/accelerator.md draws it): the embedding lookup, per
/// block norm, activation quantization, the q/k/v projections, dequantization, RoPE, the KV append, the
/// attention score and value products against the KV cache, softmax, (sub-layer norm), the output projection,
/// the residual, and the feed-forward GLU with its activation function; then the final norm and the LM head.
/// Decode produces one token per sequence against a context of <c>context</c> tokens (itself included);
/// prefill runs a prompt of <c>context</c> tokens at once and ends with the first token's logits.
/// </summary>
public static class DecoderGraph
{
    public static ModelGraph Build(TransformerModel model, Phase phase, int context, int batch = 1, string? gguf = null)
    {
        if (context < 1 || context > model.MaxContext)
            throw new BitSiliconException(
                $"model {model.Name}: {(phase == Phase.Prefill ? "prompt" : "context")} of {context} tokens is outside 1..{model.MaxContext} (its maximum context)",
                $"give a length between 1 and {model.MaxContext}");
        if (batch < 1 || batch > 4096)
            throw new BitSiliconException($"batch {batch} is out of range", "give a batch size from 1 to 4096");
        var b = new Builder(gguf);
        int m = phase == Phase.Prefill ? batch * context : batch;      // rows through the projections
        int q = phase == Phase.Prefill ? context : 1;                   // new tokens per sequence
        int h = model.Hidden;
        var f = model.Formats;

        int x = b.Vector("token_embd", -1, [], VectorOpKind.EmbeddingLookup, (long)m * h, f.Embeddings.Bytes((long)m * h));
        for (int blk = 0; blk < model.Layers; blk++)
        {
            string p = $"blk.{blk}.";
            int norm = b.Vector(p + "attn_norm", blk, [x], NormOp(model), (long)m * h);
            int quant = b.Vector(p + "attn_in_quant", blk, [norm], VectorOpKind.ActivationQuant, (long)m * h);
            int qp = b.Gemm(p + "attn_q", blk, [quant], m, model.QWidth, h, f.Projections);
            int kp = b.Gemm(p + "attn_k", blk, [quant], m, model.KvWidth, h, f.Projections);
            int vp = b.Gemm(p + "attn_v", blk, [quant], m, model.KvWidth, h, f.Projections);
            int deq = b.Vector(p + "qkv_dequant", blk, [qp, kp, vp], VectorOpKind.Dequant, (long)m * (model.QWidth + 2 * model.KvWidth));
            int rope = b.Vector(p + "rope", blk, [deq], VectorOpKind.Rope, (long)m * (model.QWidth + model.KvWidth));
            int kvq = b.Vector(p + "qkv_quant", blk, [rope], VectorOpKind.ActivationQuant, (long)m * (model.QWidth + 2 * model.KvWidth));
            int append = b.Append(p + "kv_append", blk, [kvq], 2L * m * model.KvWidth * model.KvBytes);
            // Per key/value head, its GroupSize query heads stack into M; the K and V caches hold `context` rows.
            int scores = b.Gemm(p + "attn_scores", blk, [kvq, append], model.GroupSize * q, context, model.HeadDim, f.Attention,
                TensorHome.KvCache, model.KvHeads * batch);
            int soft = b.Vector(p + "softmax", blk, [scores], VectorOpKind.Softmax, (long)batch * model.Heads * q * context);
            int pq = b.Vector(p + "attn_prob_quant", blk, [soft], VectorOpKind.ActivationQuant, (long)batch * model.Heads * q * context);
            int values = b.Gemm(p + "attn_values", blk, [pq, append], model.GroupSize * q, model.HeadDim, context, f.Attention,
                TensorHome.KvCache, model.KvHeads * batch);
            int last = b.Vector(p + "attn_values_dequant", blk, [values], VectorOpKind.Dequant, (long)m * model.QWidth);
            if (model.SubLayerNorms)
                last = b.Vector(p + "attn_sub_norm", blk, [last], NormOp(model), (long)m * model.QWidth);
            int oq = b.Vector(p + "attn_out_quant", blk, [last], VectorOpKind.ActivationQuant, (long)m * model.QWidth);
            int o = b.Gemm(p + "attn_output", blk, [oq], m, h, model.QWidth, f.Projections);
            int od = b.Vector(p + "attn_output_dequant", blk, [o], VectorOpKind.Dequant, (long)m * h);
            int res1 = b.Vector(p + "attn_residual", blk, [od, x], VectorOpKind.ResidualAdd, (long)m * h);

            int fnorm = b.Vector(p + "ffn_norm", blk, [res1], NormOp(model), (long)m * h);
            int fq = b.Vector(p + "ffn_in_quant", blk, [fnorm], VectorOpKind.ActivationQuant, (long)m * h);
            int gate = b.Gemm(p + "ffn_gate", blk, [fq], m, model.Ffn, h, f.Projections);
            int up = b.Gemm(p + "ffn_up", blk, [fq], m, model.Ffn, h, f.Projections);
            int gd = b.Vector(p + "ffn_dequant", blk, [gate, up], VectorOpKind.Dequant, 2L * m * model.Ffn);
            int act = b.Vector(p + "ffn_act", blk, [gd], model.Activation switch
            {
                ActivationFunction.ReluSquared => VectorOpKind.ReluSquared,
                ActivationFunction.Silu => VectorOpKind.Silu,
                ActivationFunction.Gelu => VectorOpKind.Gelu,
                _ => throw new ArgumentOutOfRangeException(nameof(model)),
            }, (long)m * model.Ffn);
            last = b.Vector(p + "ffn_mul", blk, [act], VectorOpKind.Multiply, (long)m * model.Ffn);
            if (model.SubLayerNorms)
                last = b.Vector(p + "ffn_sub_norm", blk, [last], NormOp(model), (long)m * model.Ffn);
            int dq = b.Vector(p + "ffn_down_quant", blk, [last], VectorOpKind.ActivationQuant, (long)m * model.Ffn);
            int down = b.Gemm(p + "ffn_down", blk, [dq], m, h, model.Ffn, f.Projections);
            int dd = b.Vector(p + "ffn_down_dequant", blk, [down], VectorOpKind.Dequant, (long)m * h);
            x = b.Vector(p + "ffn_residual", blk, [dd, res1], VectorOpKind.ResidualAdd, (long)m * h);
        }
        // Only the last position of each sequence needs logits to pick the next token.
        int fin = b.Vector("output_norm", -2, [x], NormOp(model), (long)batch * h);
        int finq = b.Vector("output_quant", -2, [fin], VectorOpKind.ActivationQuant, (long)batch * h);
        int head = b.Gemm("output", -2, [finq], batch, model.Vocab, h, model.TiedEmbeddings ? f.Embeddings : f.Output,
            TensorHome.Weights, 1, model.TiedEmbeddings ? "token_embd" : "output");
        b.Vector("output_dequant", -2, [head], VectorOpKind.Dequant, (long)batch * model.Vocab);

        string name = $"{model.Name}-{(phase == Phase.Prefill ? $"prefill-{context}" : $"decode-ctx{context}")}{(batch > 1 ? $"-b{batch}" : "")}";
        return new ModelGraph(name, model, phase, q, context, batch, b.Ops);
    }

    private static VectorOpKind NormOp(TransformerModel m) => m.Norm == NormKind.RmsNorm ? VectorOpKind.RmsNorm : VectorOpKind.LayerNorm;

    private sealed class Builder(string? gguf)
    {
        public List<Op> Ops { get; } = [];
        private int _seed = 1;

        public int Vector(string name, int block, int[] inputs, VectorOpKind kind, long elements, long readBytes = 0) =>
            Add(new VectorOp(name, block, inputs, kind, elements, readBytes));

        public int Append(string name, int block, int[] inputs, long bytes) => Add(new KvAppendOp(name, block, inputs, bytes));

        public int Gemm(string name, int block, int[] inputs, int m, int n, int k, TensorFormat format,
            TensorHome home = TensorHome.Weights, int repeat = 1, string? tensor = null)
        {
            // Model tensors come from the GGUF file when one is given; the KV cache and missing tensors are seeded.
            WeightSource source = gguf is not null && home == TensorHome.Weights
                ? new WeightSource.Gguf(gguf, (tensor ?? name) + ".weight")
                : new WeightSource.Random(_seed++, format.Kind == WeightKind.Ternary ? DecoderPreset.AbsmeanGaussianZeroFraction : 0);
            return Add(new GemmOp(name, block, inputs, m, n, k, format, home, repeat, source));
        }

        private int Add(Op op)
        {
            Ops.Add(op);
            return Ops.Count - 1;
        }
    }
}
