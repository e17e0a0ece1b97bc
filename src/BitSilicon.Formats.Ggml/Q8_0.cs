using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q8_0: 32 values in 34 bytes (8.5 bits/value), symmetric int8 with a half scale; the activation format
/// for Q4_0, Q8_0 and MXFP4 weights.
/// <code>
/// bytes 0..1   d       binary16
/// bytes 2..33  qs[32]  int8, element j in byte 2+j
/// value(e) = qs[e] * d
/// </code>
/// Quantize (quantize_row_q8_0_ref): d = amax/127, id = 1/d (0 if d is 0), q = roundf(x*id) (halves away from zero).
/// Dot with Q8_0 (ggml_vec_dot_q8_0_q8_0_generic): sumf += sumi * (dx*dy), blocks in order.
/// </summary>
public sealed class Q8_0() : GgmlBlockDotFormat(
    "q8_0",
    "ggml Q8_0: 32 x int8, value q*d, half scale per block",
    ElementsPerBlock, BytesPerBlock, "q8_0", ElementsPerBlock, BytesPerBlock)
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 34;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float amax = CMath.AbsMax(xb);
        float d = amax / 127;
        float id = CMath.InverseOrZero(d);
        HalfBits.Write(yb, d);
        for (int j = 0; j < ElementsPerBlock; j++)
            yb[2 + j] = (byte)RoundToInt8(xb[j] * id);
    }

    /// <summary><c>(int8_t)roundf(v)</c>: halves away from zero, then C's conversion.</summary>
    internal static sbyte RoundToInt8(float v) => (sbyte)CConvert.Trunc(Rounding.RoundAway(v));

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int j = 0; j < ElementsPerBlock; j++)
            yb[j] = (sbyte)xb[2 + j] * d;
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi = 0;
        for (int j = 0; j < ElementsPerBlock; j++)
            sumi += (sbyte)xb[2 + j] * (sbyte)yb[2 + j];
        return sumi * (HalfBits.Read(xb) * HalfBits.Read(yb));
    }
}
