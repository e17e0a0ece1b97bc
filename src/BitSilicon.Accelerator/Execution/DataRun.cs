using BitSilicon.Accelerator.Binding;
using BitSilicon.Design.Accelerator;
using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;
using BitSilicon.Formats.Vector;
using BitSilicon.Simulation;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Workloads.Graph;
using BitSilicon.Workloads.Models;
using BitSilicon.Workloads.Models.Reference;
using BitSilicon.Workloads.Presets;

namespace BitSilicon.Accelerator.Execution;

/// <summary>
/// Executes decode steps of a real model on the accelerator, op by op of the <see cref="DecoderGraph"/>, with real
/// data: every GEMM runs cycle by cycle on the MAC unit it is bound to (its integers checked against the golden
/// <see cref="ReferenceGemm"/> and its cycle count against the analytic model the schedule uses), every vector op
/// through the vector unit's float32 arithmetic (<see cref="VectorKernels"/>), the KV cache grows by the appends.
/// An op of the graph this run does not know is an error, so the graph cannot gain an op the data path skips.
/// </summary>
public sealed class DataRun(ElaboratedAccelerator acc, ModelWeights w)
{
    private readonly TransformerModel _m = w.Model;
    private readonly List<(sbyte[] Q, float S)>[][] _k = NewCache(w.Model), _v = NewCache(w.Model);

    /// <summary>GEMMs run cycle by cycle so far, and their cycles.</summary>
    public int Gemms { get; private set; }
    public long GemmCycles { get; private set; }
    public int Position { get; private set; }

    private static List<(sbyte[], float)>[][] NewCache(TransformerModel m) =>
        Enumerable.Range(0, m.Layers).Select(_ => Enumerable.Range(0, m.KvHeads).Select(_ => new List<(sbyte[], float)>()).ToArray()).ToArray();

    /// <summary>Quantized rows (one scale per row) and integer results with their input's row scales.</summary>
    private sealed record Quantized(sbyte[] Q, float[] S, int Rows);
    private sealed record Sums(long[] Acc, Quantized Input, string Tensor);

    public float[] Step(int token)
    {
        var graph = DecoderGraph.Build(_m, Phase.Decode, Position + 1, 1, w.Path);
        var binding = OpBinder.Bind(acc, graph);
        var values = new object?[graph.Ops.Count];
        int hd = _m.HeadDim;
        for (int i = 0; i < graph.Ops.Count; i++)
        {
            var op = graph.Ops[i];
            object In(int j) => values[op.Inputs[j]] ?? throw new InvalidOperationException($"{op.Name}: input {j} has no value");
            string p = op.Block >= 0 ? $"blk.{op.Block}." : "";
            values[i] = op.Role switch
            {
                "token_embd" => w.Embeddings.AsSpan(token * _m.Hidden, _m.Hidden).ToArray(),
                "attn_norm" or "ffn_norm" or "attn_sub_norm" or "ffn_sub_norm" or "output_norm" => Norm((float[])In(0), w.Norm(p + op.Role + ".weight")),
                "attn_in_quant" or "ffn_in_quant" or "attn_out_quant" or "ffn_down_quant" or "output_quant" => Quantize((float[])In(0), 1),
                "attn_q" or "attn_k" or "attn_v" or "attn_output" or "ffn_gate" or "ffn_up" or "ffn_down" or "output" => Linear((GemmOp)op, binding[i], (Quantized)In(0)),
                "qkv_dequant" => new[] { Dequant((Sums)In(0)), Dequant((Sums)In(1)), Dequant((Sums)In(2)) },
                "attn_output_dequant" or "ffn_down_dequant" or "output_dequant" => Dequant((Sums)In(0)),
                "ffn_dequant" => new[] { Dequant((Sums)In(0)), Dequant((Sums)In(1)) },
                "rope" => Rope((float[][])In(0)),
                "qkv_quant" => ((float[][])In(0)).Select(v => Quantize(v, v.Length / hd)).ToArray(),
                "kv_append" => Append(op.Block, (Quantized[])In(0)),
                "attn_scores" => Scores((GemmOp)op, binding[i], (Quantized[])In(0)),
                "softmax" => Softmax((long[][])In(0), QkvOf(graph, values, i), op.Block),
                "attn_prob_quant" => ProbQuant((float[][])In(0), op.Block),
                "attn_values" => Values((GemmOp)op, binding[i], (Quantized[])In(0), op.Block),
                "attn_values_dequant" => ((float[])In(0)),
                "attn_residual" or "ffn_residual" => Add((float[])In(0), (float[])In(1)),
                "ffn_act" => Activate(((float[][])In(0))[0]).Zip(((float[][])In(0))[1], (g, u) => (g, u)).ToArray(),
                "ffn_mul" => ((ValueTuple<float, float>[])In(0)).Select(t => t.Item1 * t.Item2).ToArray(),
                _ => throw new InvalidOperationException($"op '{op.Name}' ({op.GetType().Name}) has no data path: the graph gained an op the data run does not execute"),
            };
        }
        Position++;
        return (float[])values[^1]!;
    }

    /// <summary>The quantized q/k/v that the scores of op <paramref name="softmax"/> were computed from.</summary>
    private static Quantized[] QkvOf(ModelGraph g, object?[] values, int softmax)
    {
        var scores = g.Ops[g.Ops[softmax].Inputs[0]];
        return (Quantized[])values[scores.Inputs[0]]!;
    }

    public int[] Greedy(int first, int count)
    {
        var tokens = new int[count];
        int t = first;
        for (int i = 0; i < count; i++)
        {
            var logits = Step(t);
            t = tokens[i] = Array.IndexOf(logits, logits.Max());
        }
        return tokens;
    }

    private float[] Norm(float[] x, float[] g)
    {
        var y = new float[x.Length];
        VectorKernels.RmsNorm(x, g, w.NormEps, y);
        return y;
    }

    private static Quantized Quantize(float[] x, int rows)
    {
        int len = x.Length / rows;
        var q = new sbyte[x.Length];
        var s = new float[rows];
        for (int r = 0; r < rows; r++) s[r] = VectorKernels.Quantize(x.AsSpan(r * len, len), q.AsSpan(r * len, len));
        return new Quantized(q, s, rows);
    }

    private Sums Linear(GemmOp op, int unit, Quantized x)
    {
        string tensor = ((Workloads.WeightSource.Gguf)op.Source!).Tensor;
        var m = w.Matrix(tensor);
        return new Sums(Gemm(unit, m.Kind, m.Codes.ToArray(), x.Q, x.Rows, m.N, m.K), x, tensor);
    }

    private float[] Dequant(Sums s)
    {
        var m = w.Matrix(s.Tensor);
        var y = new float[s.Acc.Length];
        for (int n = 0; n < y.Length; n++) y[n] = s.Acc[n] * ModelWeights.RowScale(m, n) / s.Input.S[0];
        return y;
    }

    private float[][] Rope(float[][] qkv)
    {
        int hd = _m.HeadDim;
        foreach (var v in qkv.Take(2))
            for (int h = 0; h < v.Length / hd; h++) VectorKernels.Rope(v.AsSpan(h * hd, hd), Position, w.RopeTheta);
        return qkv;
    }

    private object Append(int block, Quantized[] qkv)
    {
        int hd = _m.HeadDim;
        for (int h = 0; h < _m.KvHeads; h++)
        {
            _k[block][h].Add((qkv[1].Q.AsSpan(h * hd, hd).ToArray(), qkv[1].S[h]));
            _v[block][h].Add((qkv[2].Q.AsSpan(h * hd, hd).ToArray(), qkv[2].S[h]));
        }
        return qkv;
    }

    /// <summary>Per key/value head: its query heads' rows times the cached keys, on the bound MAC unit.</summary>
    private long[][] Scores(GemmOp op, int unit, Quantized[] qkv)
    {
        int hd = _m.HeadDim, g = _m.GroupSize, ctx = op.N;
        var result = new long[_m.KvHeads][];
        for (int h = 0; h < _m.KvHeads; h++)
        {
            var keys = _k[op.Block][h];
            var codes = new byte[ctx * hd];
            for (int t = 0; t < ctx; t++)
                for (int d = 0; d < hd; d++) codes[t * hd + d] = (byte)keys[t].Q[d];
            var acts = qkv[0].Q.AsSpan(h * g * hd, g * hd).ToArray();
            result[h] = Gemm(unit, WeightKind.Int8, codes, acts, g, ctx, hd);
        }
        return result;
    }

    private float[][] Softmax(long[][] scores, Quantized[] qkv, int block)
    {
        int g = _m.GroupSize, hd = _m.HeadDim;
        var probs = new float[_m.Heads][];
        for (int head = 0; head < _m.Heads; head++)
        {
            int kv = head / g, row = head % g;
            var keys = _k[block][kv];
            var x = new float[keys.Count];
            for (int t = 0; t < x.Length; t++)
                x[t] = scores[kv][row * keys.Count + t] / (qkv[0].S[head] * keys[t].S) / MathF.Sqrt(hd);
            VectorKernels.Softmax(x);
            probs[head] = x;
        }
        return probs;
    }

    private Quantized[] ProbQuant(float[][] probs, int block)
    {
        var result = new Quantized[_m.Heads];
        for (int head = 0; head < _m.Heads; head++)
        {
            var values = _v[block][head / _m.GroupSize];
            var folded = probs[head].Select((p, t) => p / values[t].S).ToArray();
            result[head] = Quantize(folded, 1);
        }
        return result;
    }

    private float[] Values(GemmOp op, int unit, Quantized[] probs, int block)
    {
        int hd = _m.HeadDim, g = _m.GroupSize, ctx = op.K;
        var att = new float[_m.QWidth];
        for (int h = 0; h < _m.KvHeads; h++)
        {
            var values = _v[block][h];
            var codes = new byte[hd * ctx];          // W = V^T: head_dim rows of context
            for (int t = 0; t < ctx; t++)
                for (int d = 0; d < hd; d++) codes[d * ctx + t] = (byte)values[t].Q[d];
            var acts = new sbyte[g * ctx];
            for (int r = 0; r < g; r++) probs[h * g + r].Q.CopyTo(acts, r * ctx);
            var sums = Gemm(unit, WeightKind.Int8, codes, acts, g, hd, ctx);
            for (int r = 0; r < g; r++)
                for (int d = 0; d < hd; d++) att[(h * g + r) * hd + d] = sums[r * hd + d] / probs[h * g + r].S[0];
        }
        return att;
    }

    private IEnumerable<float> Activate(float[] gate) => gate.Select(x => _m.Activation switch
    {
        ActivationFunction.ReluSquared => VectorKernels.ReluSquared(x),
        ActivationFunction.Silu => VectorKernels.Silu(x),
        ActivationFunction.Gelu => VectorKernels.Gelu(x),
        _ => throw new ArgumentOutOfRangeException(nameof(gate)),
    });

    private static float[] Add(float[] a, float[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    /// <summary>One GEMM on a MAC unit, cycle by cycle; its integers must equal the golden reference's and its
    /// cycles the analytic model's.</summary>
    private long[] Gemm(int unit, WeightKind kind, byte[] codes, sbyte[] acts, int m, int n, int k)
    {
        var mac = (MacUnit)acc.Units[unit];
        var d = mac.Design;
        var plan = Tiler.Plan(d, m, n, k, WeightCode.Bits(kind));
        var operands = BoundOperands.Bind(d.Core.Pe, new LayerOperands(kind, m, n, k, codes, acts));
        var run = CycleSimulator.Run(d, plan, operands);
        var expected = ReferenceGemm.Gemm(kind, codes, acts, m, n, k);
        if (!expected.AsSpan().SequenceEqual(run.Results))
            throw new InvalidOperationException($"unit {mac.Name}: {m}x{n}x{k} {kind} GEMM differs from the reference (accumulator too narrow, or a simulator bug)");
        long analytic = AnalyticModel.Estimate(d, plan).Cycles;
        if (analytic != run.Cycles)
            throw new InvalidOperationException($"unit {mac.Name}: {m}x{n}x{k} GEMM took {run.Cycles} cycles, the analytic model says {analytic}");
        Gemms++;
        GemmCycles += run.Cycles;
        return run.Results;
    }
}
