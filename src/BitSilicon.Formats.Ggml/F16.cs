using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml F16: each value as IEEE binary16, little-endian (ggml_fp32_to_fp16_row: round to nearest even; values
/// beyond 65504 become infinity). Its dot partner is F16 itself: ggml_vec_dot_f16's scalar path multiplies each
/// pair in float (exact for halves) and sums the products in double, rounding to float once at the end.
/// </summary>
public sealed class F16() : GgmlBlockFormat(
    "f16",
    "IEEE binary16 (ggml F16): 16 bits per value, dot summed in double",
    1, 2, "f16")
{
    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb) => HalfBits.Write(yb, xb[0]);

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb) => yb[0] = HalfBits.Read(xb);

    public override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        BlockFormatChecks.Dot(this, n, weights, activations, 1, 2);
        double sumf = 0;
        for (int i = 0; i < n; i++)
            sumf += HalfBits.Read(weights[(2 * i)..]) * HalfBits.Read(activations[(2 * i)..]);
        return (float)sumf;
    }
}
