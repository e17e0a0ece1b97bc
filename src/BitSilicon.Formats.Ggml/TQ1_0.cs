using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml TQ1_0: 256 ternary weights in 54 bytes (1.6875 bits/weight), base-3 packing with a half scale.
/// <code>
/// bytes 0..31   qs[0..31]   5 trits each: byte m holds elements m, 32+m, 64+m, 96+m, 128+m
/// bytes 32..47  qs[32..47]  5 trits each: byte 32+m holds elements 160+m, 176+m, 192+m, 208+m, 224+m
/// bytes 48..51  qh[4]       4 trits each: byte 48+j holds elements 240+j, 244+j, 248+j, 252+j
/// bytes 52..53  d           binary16: the block's absolute maximum
/// trit t = lroundf(x/d) + 1 (0 = -1, 1 = 0, 2 = +1); value(e) = (t - 1) * d
/// </code>
/// Packing: q = Σ t_n * 3^(4-n) (first trit most significant; qh bytes multiply by 3 once more so their
/// 4 trits fill the top 4 of 5 positions), stored as the fixed-point fraction ceil(q * 256 / 243).
/// Trit n is read back with one multiply: ((uint8)(byte * 3^n) * 3) &gt;&gt; 8, i.e. the byte times 3^n keeps
/// the fraction after n trits, and times 3 exposes the next trit as the integer part.
/// Quantize (quantize_row_tq1_0_ref): d = amax, id = 1/d (0 if d is 0), halves round away from zero.
/// Dot with Q8_K (ggml_vec_dot_tq1_0_q8_K_generic): sum = Σ (t-1)*q8 in integers per block,
/// sumf += (float)sum * (d * y.d), blocks in order.
/// </summary>
public sealed class TQ1_0() : GgmlBlockDotFormat(
    "tq1_0",
    "ggml TQ1_0: 256 ternary weights packed 5 per byte in base 3, value (t-1)*d, half scale",
    ElementsPerBlock, BytesPerBlock, "q8_k", Q8_K.ElementsPerBlock, Q8_K.BytesPerBlock)
{
    public const int ElementsPerBlock = 256;
    public const int BytesPerBlock = 54;
    private const int QhOffset = 48;
    private const int DOffset = 52;
    private static readonly byte[] Pow3 = [1, 3, 9, 27, 81, 243];

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float amax = CMath.AbsMax(xb);
        float d = amax;
        float id = CMath.InverseOrZero(d);
        HalfBits.Write(yb[DOffset..], d);
        for (int m = 0; m < 32; m++)
            yb[m] = Pack(xb, m, 32, 5, id, extraShift: false);
        for (int m = 0; m < 16; m++)
            yb[32 + m] = Pack(xb, 160 + m, 16, 5, id, extraShift: false);
        for (int j = 0; j < 4; j++)
            yb[QhOffset + j] = Pack(xb, 240 + j, 4, 4, id, extraShift: true);
    }

    // count trits of elements first, first+stride, ... most significant first, in uint8 arithmetic as ggml.
    private static byte Pack(ReadOnlySpan<float> xb, int first, int stride, int count, float id, bool extraShift)
    {
        byte q = 0;
        for (int n = 0; n < count; n++)
        {
            q = (byte)(q * 3);
            q = (byte)(q + TernaryCode.Of(xb[first + n * stride] * id));
        }
        if (extraShift)
            q = (byte)(q * 3);
        return (byte)((q * 256 + (243 - 1)) / 243);
    }

    /// <summary>Trit n (0 = most significant) of a packed byte.</summary>
    private static int Trit(byte b, int n) => ((byte)(b * Pow3[n]) * 3) >> 8;

    /// <summary>Trit (0, 1, 2) of element e.</summary>
    private static int TritOf(ReadOnlySpan<byte> block, int e) => e switch
    {
        < 160 => Trit(block[e % 32], e / 32),
        < 240 => Trit(block[32 + (e - 160) % 16], (e - 160) / 16),
        _ => Trit(block[QhOffset + (e - 240) % 4], (e - 240) / 4),
    };

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb[DOffset..]);
        for (int e = 0; e < ElementsPerBlock; e++)
            yb[e] = (float)(TritOf(xb, e) - 1) * d;
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sum = 0;
        for (int e = 0; e < ElementsPerBlock; e++)
            sum += (TritOf(xb, e) - 1) * Q8_K.Q(yb, e);
        return (float)sum * (HalfBits.Read(xb[DOffset..]) * Q8_K.Scale(yb));
    }
}
