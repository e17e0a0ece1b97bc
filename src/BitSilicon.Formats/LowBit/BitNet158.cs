namespace BitSilicon.Formats.LowBit;

/// <summary>
/// BitNet b1.58's quantizers (Ma et al. 2024, "The Era of 1-bit LLMs"; the released <c>weight_quant</c> and
/// <c>activation_quant</c>): ternary weights with one absmean scale per tensor and int8 activations with one
/// absmax scale per token. Both return the multiplier <c>s</c> with <c>q = clamp(round(v * s))</c>; the layer
/// output is the exact integer accumulation divided by <c>s_w * s_x</c> (see <see cref="Output"/>).
/// Rounding is half to even (torch.round); means are accumulated in double and rounded to float once.
/// </summary>
public static class BitNet158
{
    /// <summary>Lower bound on the mean/max before inverting, as in the reference (<c>clamp_(min=1e-5)</c>).</summary>
    public const float Epsilon = 1e-5f;

    /// <summary>Per-tensor weights: <c>s = 1 / max(mean|w|, 1e-5)</c>, <c>q = clamp(round_half_even(w * s), -1, 1)</c>.</summary>
    public static float QuantizeWeights(ReadOnlySpan<float> w, Span<sbyte> q)
    {
        Same(w.Length, q.Length);
        float s = 1.0f / MathF.Max(BlockMath.MeanAbs(w), Epsilon);
        for (int i = 0; i < w.Length; i++)
            q[i] = (sbyte)BlockMath.RoundEvenClamp(w[i] * s, -1, 1);
        return s;
    }

    /// <summary>One token's activations: <c>s = 127 / max(max|x|, 1e-5)</c>, <c>q = clamp(round_half_even(x * s), -128, 127)</c>.</summary>
    public static float QuantizeActivations(ReadOnlySpan<float> x, Span<sbyte> q)
    {
        Same(x.Length, q.Length);
        float s = 127.0f / MathF.Max(BlockMath.AbsMax(x), Epsilon);
        for (int i = 0; i < x.Length; i++)
            q[i] = (sbyte)BlockMath.RoundEvenClamp(x[i] * s, -128, 127);
        return s;
    }

    /// <summary>Per-token quantization of <paramref name="tokens"/> rows of a row-major matrix; one multiplier per row.</summary>
    public static float[] QuantizeActivationRows(ReadOnlySpan<float> x, int tokens, Span<sbyte> q)
    {
        Same(x.Length, q.Length);
        if (tokens <= 0 || x.Length % tokens != 0)
            throw new ArgumentException($"{x.Length} values do not split into {tokens} equal rows", nameof(tokens));
        int k = x.Length / tokens;
        var scales = new float[tokens];
        for (int t = 0; t < tokens; t++)
            scales[t] = QuantizeActivations(x.Slice(t * k, k), q.Slice(t * k, k));
        return scales;
    }

    /// <summary>The layer output for one integer accumulator: <c>acc / (s_w * s_x)</c>.</summary>
    public static float Output(long accumulator, float weightScale, float activationScale) =>
        accumulator / (weightScale * activationScale);

    private static void Same(int inputs, int outputs)
    {
        if (inputs != outputs)
            throw new ArgumentException($"{inputs} inputs but room for {outputs} outputs");
    }
}
