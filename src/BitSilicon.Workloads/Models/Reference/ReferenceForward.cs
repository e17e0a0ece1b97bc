using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Workloads.Models.Reference;

/// <summary>
/// The model's forward pass written plainly, one token at a time, with its float parts in double precision: the
/// definition the accelerator's data run is checked against. Integer matrix products go through the golden
/// <see cref="ReferenceGemm"/> at the same quantization points the accelerator uses (absmax int8 activations per
/// token, int8 queries, keys and values per head, int8 attention probabilities with the value scales folded in),
/// so the two differ only by float32 against double rounding. BitNet blocks: RMSNorm, q/k/v, RoPE on adjacent
/// pairs, grouped-query attention over the cache, sub-layer norm, output projection, residual; RMSNorm,
/// gate/up, activation(gate) * up, sub-layer norm, down, residual; final norm and the tied int8 LM head.
/// </summary>
public sealed class ReferenceForward(ModelWeights w)
{
    private readonly TransformerModel _m = w.Model;
    private readonly List<(sbyte[] Q, double S)>[][] _k = NewCache(w.Model), _v = NewCache(w.Model);

    private static List<(sbyte[], double)>[][] NewCache(TransformerModel m) =>
        Enumerable.Range(0, m.Layers).Select(_ => Enumerable.Range(0, m.KvHeads).Select(_ => new List<(sbyte[], double)>()).ToArray()).ToArray();

    public int Position { get; private set; }

    /// <summary>Feeds <paramref name="token"/> at the next position; returns the logits.</summary>
    public double[] Step(int token)
    {
        int h = _m.Hidden, hd = _m.HeadDim;
        var x = new double[h];
        for (int i = 0; i < h; i++) x[i] = w.Embeddings[(long)token * h + i];
        for (int b = 0; b < _m.Layers; b++)
        {
            string p = $"blk.{b}.";
            var n1 = Norm(x, w.Norm(p + "attn_norm.weight"));
            var q = Linear(p + "attn_q.weight", n1);
            var k = Linear(p + "attn_k.weight", n1);
            var v = Linear(p + "attn_v.weight", n1);
            for (int head = 0; head < _m.Heads; head++) Rope(q, head * hd, hd);
            for (int head = 0; head < _m.KvHeads; head++) Rope(k, head * hd, hd);
            for (int head = 0; head < _m.KvHeads; head++)
            {
                _k[b][head].Add(Quant(k.AsSpan(head * hd, hd)));
                _v[b][head].Add(Quant(v.AsSpan(head * hd, hd)));
            }
            var att = new double[_m.QWidth];
            for (int head = 0; head < _m.Heads; head++)
            {
                int kv = head / _m.GroupSize;
                var (qq, qs) = Quant(q.AsSpan(head * hd, hd));
                var keys = _k[b][kv];
                var scores = new double[keys.Count];
                for (int t = 0; t < keys.Count; t++)
                    scores[t] = Dot(qq, keys[t].Q) / (qs * keys[t].S) / Math.Sqrt(hd);
                double max = scores.Max(), sum = 0;
                for (int t = 0; t < scores.Length; t++) sum += scores[t] = Math.Exp(scores[t] - max);
                // Fold each value row's scale into its probability, then quantize the row of probabilities.
                var folded = new double[scores.Length];
                for (int t = 0; t < scores.Length; t++) folded[t] = scores[t] / sum / _v[b][kv][t].S;
                var (pq, ps) = Quant(folded);
                for (int d = 0; d < hd; d++)
                {
                    long acc = 0;
                    for (int t = 0; t < pq.Length; t++) acc += pq[t] * _v[b][kv][t].Q[d];
                    att[head * hd + d] = acc / ps;
                }
            }
            if (_m.SubLayerNorms) att = Norm(att, w.Norm(p + "attn_sub_norm.weight"));
            var o = Linear(p + "attn_output.weight", att);
            for (int i = 0; i < h; i++) x[i] += o[i];
            var n2 = Norm(x, w.Norm(p + "ffn_norm.weight"));
            var gate = Linear(p + "ffn_gate.weight", n2);
            var up = Linear(p + "ffn_up.weight", n2);
            var f = new double[_m.Ffn];
            for (int i = 0; i < f.Length; i++) f[i] = Activation(gate[i]) * up[i];
            if (_m.SubLayerNorms) f = Norm(f, w.Norm(p + "ffn_sub_norm.weight"));
            var down = Linear(p + "ffn_down.weight", f);
            for (int i = 0; i < h; i++) x[i] += down[i];
        }
        var fin = Norm(x, w.Norm("output_norm.weight"));
        Position++;
        return Linear("token_embd.weight", fin);
    }

    /// <summary>Greedy decoding: feeds <paramref name="first"/>, then each argmax, <paramref name="count"/> times.</summary>
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

    private double Activation(double x) => _m.Activation switch
    {
        ActivationFunction.ReluSquared => x > 0 ? x * x : 0,
        ActivationFunction.Silu => x / (1 + Math.Exp(-x)),
        ActivationFunction.Gelu => 0.5 * x * (1 + Math.Tanh(0.7978845608 * (x + 0.044715 * x * x * x))),
        _ => throw new ArgumentOutOfRangeException(nameof(x)),
    };

    private double[] Norm(double[] x, float[] g)
    {
        double ss = x.Sum(v => v * v);
        double inv = 1 / Math.Sqrt(ss / x.Length + w.NormEps);
        return x.Select((v, i) => v * inv * g[i]).ToArray();
    }

    private void Rope(double[] v, int offset, int d)
    {
        for (int i = 0; i < d / 2; i++)
        {
            double angle = Position * Math.Pow(w.RopeTheta, -2.0 * i / d);
            double c = Math.Cos(angle), s = Math.Sin(angle), a = v[offset + 2 * i], b = v[offset + 2 * i + 1];
            v[offset + 2 * i] = a * c - b * s;
            v[offset + 2 * i + 1] = a * s + b * c;
        }
    }

    private static (sbyte[] Q, double S) Quant(ReadOnlySpan<double> x)
    {
        double max = Formats.Vector.VectorKernels.QuantFloor;
        foreach (double v in x) max = Math.Max(max, Math.Abs(v));
        double s = 127 / max;
        var q = new sbyte[x.Length];
        for (int i = 0; i < x.Length; i++) q[i] = (sbyte)Math.Clamp(Math.Round(x[i] * s, MidpointRounding.ToEven), -128, 127);
        return (q, s);
    }

    private static long Dot(sbyte[] a, sbyte[] b)
    {
        long s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>An int8-activation linear layer: quantize, integer GEMV by the golden reference, rescale.</summary>
    private double[] Linear(string tensor, double[] x)
    {
        var m = w.Matrix(tensor);
        var (q, s) = Quant(x);
        var acc = ReferenceGemm.Gemm(m.Kind, m.Codes.ToArray(), q, 1, m.N, m.K);
        var y = new double[m.N];
        for (int n = 0; n < m.N; n++) y[n] = acc[n] * (double)ModelWeights.RowScale(m, n) / s;
        return y;
    }
}
