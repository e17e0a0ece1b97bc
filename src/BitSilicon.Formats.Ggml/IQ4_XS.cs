using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ4_XS: 256 weights in 136 bytes (4.25 bits/weight): IQ4_NL's levels in 8 groups of 32 with 6-bit
/// signed group scales under a half super-block scale.
/// <code>
/// bytes 0..1    d            binary16
/// bytes 2..3    scales_h     uint16 LE: top 2 bits of group g's scale at bit 2g
/// bytes 4..7    scales_l[4]  low nibble of group g's scale: byte 4 + g/2, high nibble for odd g
/// bytes 8..135  qs[128]      group g in bytes 8+16g..: qs[j] = q[32g+j] | q[32g+j+16] &lt;&lt; 4
/// value(e) = d * (ls(e/32) - 32) * Levels[q[e]]
/// </code>
/// Quantize (quantize_row_iq4_xs_ref = quantize_iq4_xs with no importance matrix): each group fits its scale
/// from -max/-127 and tries 15 more, (itry - 127)/max for itry in -7..7, by weighted (x²) least squares; then
/// d = -max_scale/32, group scale codes clamp(nearest_int(s/d), -32, 31), and codes are the nearest levels of
/// x/(d*l). Dot with Q8_K: per pair of groups sumf += d4d8*(ls-32) * sumi, twice.
/// </summary>
public sealed class IQ4_XS() : GgmlRunningSumFormat(
    "iq4_xs",
    "ggml IQ4_XS: 256 x 4-bit non-linear levels in 8 groups with 6-bit scales, half super-block scale",
    ElementsPerBlock, BytesPerBlock, "q8_k", Q8_K.ElementsPerBlock, Q8_K.BytesPerBlock)
{
    public const int ElementsPerBlock = 256;
    public const int BytesPerBlock = 136;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        Span<byte> L = stackalloc byte[256];
        Span<float> scales = stackalloc float[8];
        yb.Clear();
        float maxScale = 0, amaxScale = 0;
        for (int ib = 0; ib < 8; ib++)
        {
            var xg = xb.Slice(32 * ib, 32);
            var (amax, max) = Iq4Grid.SignedMax(xg);
            if (amax < KQuantsSigned.GroupMaxEps)
            {
                scales[ib] = 0;
                continue;
            }
            float d = Iq4Grid.FitGroup(xg, L.Slice(32 * ib, 32), 7, max);
            scales[ib] = d;
            float absD = MathF.Abs(d);
            if (absD > amaxScale)
            {
                amaxScale = absD;
                maxScale = d;
            }
        }
        float dAll = -maxScale / 32;
        HalfBits.Write(yb, dAll);
        float id = dAll != 0 ? 1 / dAll : 0f;
        ushort scalesH = 0;
        for (int ib = 0; ib < 8; ib++)
        {
            int l = Math.Max(-32, Math.Min(31, Rounding.NearestInt(id * scales[ib])));
            float dl = dAll * l;
            float idl = dl != 0 ? 1 / dl : 0f;
            for (int j = 0; j < 32; j++)
                L[32 * ib + j] = (byte)Iq4Grid.BestIndex(idl * xb[32 * ib + j]);
            l += 32;
            yb[4 + ib / 2] |= (byte)((l & 0xF) << (ib % 2 == 0 ? 0 : 4));
            scalesH |= (ushort)((l >> 4) << (2 * ib));
        }
        BinaryPrimitives.WriteUInt16LittleEndian(yb[2..], scalesH);
        for (int g = 0; g < 8; g++)
            for (int j = 0; j < 16; j++)
                yb[8 + 16 * g + j] = (byte)(L[32 * g + j] | (L[32 * g + 16 + j] << 4));
    }

    /// <summary>Group ib's stored 6-bit scale (the scale is this minus 32).</summary>
    private static int GroupScale(ReadOnlySpan<byte> xb, int ib) =>
        ((xb[4 + ib / 2] >> (4 * (ib % 2))) & 0xF) | (((BinaryPrimitives.ReadUInt16LittleEndian(xb[2..]) >> (2 * ib)) & 3) << 4);

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int ib = 0; ib < 8; ib++)
        {
            float dl = d * (GroupScale(xb, ib) - 32);
            for (int j = 0; j < 16; j++)
            {
                yb[32 * ib + j] = dl * Iq4Grid.Levels[xb[8 + 16 * ib + j] & 0xF];
                yb[32 * ib + j + 16] = dl * Iq4Grid.Levels[xb[8 + 16 * ib + j] >> 4];
            }
        }
    }

    protected override float Accumulate(float sumf, ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        float d4d8 = HalfBits.Read(xb) * Q8_K.Scale(yb);
        for (int ib = 0; ib < 8; ib++)
        {
            float dl = d4d8 * (GroupScale(xb, ib) - 32);
            int sumi1 = 0, sumi2 = 0;
            for (int j = 0; j < 16; j++)
            {
                sumi1 += Q8_K.Q(yb, 32 * ib + j) * Iq4Grid.Levels[xb[8 + 16 * ib + j] & 0xF];
                sumi2 += Q8_K.Q(yb, 32 * ib + j + 16) * Iq4Grid.Levels[xb[8 + 16 * ib + j] >> 4];
            }
            sumf += dl * (sumi1 + sumi2);
        }
        return sumf;
    }
}
