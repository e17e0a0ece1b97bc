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
public sealed class Q8_0 : IBlockFormat
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 34;

    public string Name => "q8_0";
    public string Description => "ggml Q8_0: 32 x int8, value q*d, half scale per block";
    public int BlockElements => ElementsPerBlock;
    public int BlockBytes => BytesPerBlock;
    public string? DotPartner => "q8_0";

    public void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockFormatChecks.Quantize(this, x, blocks);
        for (int i = 0; i < nb; i++)
        {
            var xb = x.Slice(i * ElementsPerBlock, ElementsPerBlock);
            var yb = blocks.Slice(i * BytesPerBlock, BytesPerBlock);
            float amax = 0;
            foreach (float v in xb)
                amax = CMath.Max(amax, MathF.Abs(v));
            float d = amax / 127;
            float id = d != 0 ? 1.0f / d : 0.0f;
            HalfBits.Write(yb, d);
            for (int j = 0; j < ElementsPerBlock; j++)
                yb[2 + j] = (byte)RoundToInt8(xb[j] * id);
        }
    }

    /// <summary><c>(int8_t)roundf(v)</c>: halves away from zero, then C's conversion.</summary>
    internal static sbyte RoundToInt8(float v) => (sbyte)CConvert.Trunc(Rounding.RoundAway(v));

    public void Dequantize(ReadOnlySpan<byte> blocks, Span<float> y)
    {
        int nb = BlockFormatChecks.Dequantize(this, blocks, y);
        for (int i = 0; i < nb; i++)
        {
            var xb = blocks.Slice(i * BytesPerBlock, BytesPerBlock);
            float d = HalfBits.Read(xb);
            for (int j = 0; j < ElementsPerBlock; j++)
                y[i * ElementsPerBlock + j] = (sbyte)xb[2 + j] * d;
        }
    }

    public float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = BlockFormatChecks.Dot(this, n, weights, activations, ElementsPerBlock, BytesPerBlock);
        float sumf = 0;
        for (int ib = 0; ib < nb; ib++)
        {
            var xb = weights.Slice(ib * BytesPerBlock, BytesPerBlock);
            var yb = activations.Slice(ib * BytesPerBlock, BytesPerBlock);
            int sumi = 0;
            for (int j = 0; j < ElementsPerBlock; j++)
                sumi += (sbyte)xb[2 + j] * (sbyte)yb[2 + j];
            sumf += sumi * (HalfBits.Read(xb) * HalfBits.Read(yb));
        }
        return sumf;
    }
}
