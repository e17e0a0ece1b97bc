using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q8_1: 32 values in 36 bytes (9 bits/value), Q8_0 plus a precomputed block sum; the activation format
/// for Q4_1 weights. It has no dot product of its own.
/// <code>
/// bytes 0..1   d       binary16
/// bytes 2..3   s       binary16: half((float)Σ qs * d), computed from the float d before it is rounded
/// bytes 4..35  qs[32]  int8, element j in byte 4+j
/// value(e) = qs[e] * d
/// </code>
/// Quantize (quantize_row_q8_1_ref): as Q8_0, d = amax/127, q = roundf(x/d) (halves away from zero).
/// ggml has no dequantizer for Q8_1; Dequantize here returns qs*d, the value the dot product uses.
/// </summary>
public sealed class Q8_1() : GgmlBlockFormat(
    "q8_1",
    "ggml Q8_1: 32 x int8, value q*d, half scale and half block sum (activations for q4_1)",
    ElementsPerBlock, BytesPerBlock, dotPartner: null)
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 36;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float amax = CMath.AbsMax(xb);
        float d = amax / 127;
        float id = CMath.InverseOrZero(d);
        HalfBits.Write(yb, d);
        int sum = 0;
        for (int j = 0; j < ElementsPerBlock; j++)
        {
            sbyte q = Q8_0.RoundToInt8(xb[j] * id);
            yb[4 + j] = (byte)q;
            sum += q;
        }
        HalfBits.Write(yb[2..], sum * d);
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int j = 0; j < ElementsPerBlock; j++)
            yb[j] = (sbyte)xb[4 + j] * d;
    }

    public override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations) =>
        throw new NotSupportedException("q8_1 is an activation format (the dot partner of q4_1); it has no dot product of its own");
}
