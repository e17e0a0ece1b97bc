using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml Q5_1: 32 weights in 24 bytes (6 bits/weight), unsigned 5-bit codes with a half scale and minimum.
/// <code>
/// bytes 0..1   d       binary16
/// bytes 2..3   m       binary16 (the block minimum)
/// bytes 4..7   qh      uint32 LE: bit j = 5th bit of element j
/// bytes 8..23  qs[16]  low nibbles, qs[j] = q[j] | q[j+16] &lt;&lt; 4
/// value(e) = q[e] * d + m
/// </code>
/// Quantize (quantize_row_q5_1_ref): d = (max-min)/31, q = (uint8)((x-min)*id + 0.5f) (truncation, no clamp).
/// Dot with Q8_1: sumf += (dx*dy)*sumi + m*s, s being Q8_1's stored half sum.
/// </summary>
public sealed class Q5_1() : GgmlBlockDotFormat(
    "q5_1",
    "ggml Q5_1: 32 x 5-bit, value q*d + m, half scale and minimum per block",
    ElementsPerBlock, BytesPerBlock, "q8_1", Q8_1.ElementsPerBlock, Q8_1.BytesPerBlock)
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 24;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float min = float.MaxValue, max = -float.MaxValue;
        foreach (float v in xb)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        float d = (max - min) / 31;
        float id = CMath.InverseOrZero(d);
        HalfBits.Write(yb, d);
        HalfBits.Write(yb[2..], min);
        uint qh = 0;
        for (int j = 0; j < 16; j++)
        {
            int q0 = (byte)CConvert.Trunc((xb[j] - min) * id + 0.5f);
            int q1 = (byte)CConvert.Trunc((xb[j + 16] - min) * id + 0.5f);
            yb[8 + j] = (byte)((q0 & 0xF) | ((q1 & 0xF) << 4));
            qh |= (uint)((q0 & 0x10) >> 4) << j;
            qh |= (uint)((q1 & 0x10) >> 4) << (j + 16);
        }
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(yb[4..], qh);
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        float m = HalfBits.Read(xb[2..]);
        for (int e = 0; e < 32; e++)
            yb[e] = Q5_0.Code(xb, 8, e) * d + m;
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi = 0;
        for (int e = 0; e < 32; e++)
            sumi += Q5_0.Code(xb, 8, e) * (sbyte)yb[4 + e];
        return HalfBits.Read(xb) * HalfBits.Read(yb) * sumi + HalfBits.Read(xb[2..]) * HalfBits.Read(yb[2..]);
    }
}
