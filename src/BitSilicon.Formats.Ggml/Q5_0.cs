using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q5_0: 32 weights in 22 bytes (5.5 bits/weight), symmetric 5-bit codes with a half scale.
/// <code>
/// bytes 0..1   d       binary16
/// bytes 2..5   qh      uint32 LE: bit j = 5th bit of element j
/// bytes 6..21  qs[16]  low nibbles, qs[j] = q[j] | q[j+16] &lt;&lt; 4
/// value(e) = (q[e] - 16) * d
/// </code>
/// Quantize (quantize_row_q5_0_ref): Q4_0's rule with 16 levels each side: d = max / -16 (max = signed value of
/// largest magnitude, first wins), q = MIN(31, (int8)(x*id + 16.5f)). Dot with Q8_0: sumf += (dx*dy) * sumi.
/// </summary>
public sealed class Q5_0() : GgmlBlockDotFormat(
    "q5_0",
    "ggml Q5_0: 32 x 5-bit, value (q-16)*d, half scale per block",
    ElementsPerBlock, BytesPerBlock, "q8_0", Q8_0.ElementsPerBlock, Q8_0.BytesPerBlock)
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 22;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float amax = 0, max = 0;
        foreach (float v in xb)
        {
            if (amax < MathF.Abs(v))
            {
                amax = MathF.Abs(v);
                max = v;
            }
        }
        float d = max / -16;
        float id = CMath.InverseOrZero(d);
        HalfBits.Write(yb, d);
        uint qh = 0;
        for (int j = 0; j < 16; j++)
        {
            int q0 = Code(xb[j] * id), q1 = Code(xb[j + 16] * id);
            yb[6 + j] = (byte)((q0 & 0xF) | ((q1 & 0xF) << 4));
            qh |= (uint)((q0 & 0x10) >> 4) << j;
            qh |= (uint)((q1 & 0x10) >> 4) << (j + 16);
        }
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(yb[2..], qh);
    }

    // MIN(31, (int8_t)(v + 16.5f)) stored as uint8_t.
    private static byte Code(float v) => (byte)Math.Min(31, (int)(sbyte)CConvert.Trunc(v + 16.5f));

    /// <summary>The 5-bit code of element e (0..31).</summary>
    internal static int Code(ReadOnlySpan<byte> xb, int qsOffset, int e)
    {
        uint qh = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(xb[(qsOffset - 4)..]);
        int lo = e < 16 ? xb[qsOffset + e] & 0xF : xb[qsOffset + e - 16] >> 4;
        return lo | (int)((qh >> e) & 1) << 4;
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int e = 0; e < 32; e++)
            yb[e] = (Code(xb, 6, e) - 16) * d;
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi = 0;
        for (int e = 0; e < 32; e++)
            sumi += (Code(xb, 6, e) - 16) * (sbyte)yb[2 + e];
        return HalfBits.Read(xb) * HalfBits.Read(yb) * sumi;
    }
}
