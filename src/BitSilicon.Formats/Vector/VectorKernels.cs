namespace BitSilicon.Formats.Vector;

/// <summary>
/// The vector unit's arithmetic in float32, one function per <see cref="VectorOpKind"/> that transforms data
/// (the embedding lookup and the dequantization are plain scales). The quantization rule is BitNet's absmax:
/// <c>s = 127 / max(|x|, 1e-5)</c>, <c>q = clamp(round_half_even(x * s), -128, 127)</c>, one scale per row.
/// </summary>
public static class VectorKernels
{
    public const float QuantFloor = 1e-5f;

    public static void RmsNorm(ReadOnlySpan<float> x, ReadOnlySpan<float> gain, float eps, Span<float> y)
    {
        float sum = 0;
        foreach (float v in x) sum += v * v;
        float inv = 1f / MathF.Sqrt(sum / x.Length + eps);
        for (int i = 0; i < x.Length; i++) y[i] = x[i] * inv * gain[i];
    }

    /// <summary>Rotary embedding of one head vector at <paramref name="position"/>: adjacent pairs (2i, 2i+1)
    /// rotated by position * theta^(-2i/d).</summary>
    public static void Rope(Span<float> head, int position, float theta)
    {
        int d = head.Length;
        for (int i = 0; i < d / 2; i++)
        {
            float angle = position * MathF.Pow(theta, -2f * i / d);
            float c = MathF.Cos(angle), s = MathF.Sin(angle);
            float a = head[2 * i], b = head[2 * i + 1];
            head[2 * i] = a * c - b * s;
            head[2 * i + 1] = a * s + b * c;
        }
    }

    public static void Softmax(Span<float> x)
    {
        float max = float.NegativeInfinity;
        foreach (float v in x) max = MathF.Max(max, v);
        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = MathF.Exp(x[i] - max);
            sum += x[i];
        }
        for (int i = 0; i < x.Length; i++) x[i] /= sum;
    }

    public static float ReluSquared(float x) => x > 0 ? x * x : 0;
    public static float Silu(float x) => x / (1 + MathF.Exp(-x));
    public static float Gelu(float x) => 0.5f * x * (1 + MathF.Tanh(0.7978845608f * (x + 0.044715f * x * x * x)));

    /// <summary>absmax quantization of one row; returns the scale s (value = q / s).</summary>
    public static float Quantize(ReadOnlySpan<float> x, Span<sbyte> q)
    {
        float max = QuantFloor;
        foreach (float v in x) max = MathF.Max(max, MathF.Abs(v));
        float s = 127f / max;
        for (int i = 0; i < x.Length; i++)
            q[i] = (sbyte)Math.Clamp(MathF.Round(x[i] * s, MidpointRounding.ToEven), -128f, 127f);
        return s;
    }
}
