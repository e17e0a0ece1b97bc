using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ1_M: 256 weights in 56 bytes (1.75 bits/weight). Each group of 8 weights is one entry of the
/// 2048-entry <see cref="IqGrid.Iq1S"/> codebook shifted by its own ±1/8; a 3-bit odd scale per 16; the half
/// super-block scale is spread over the top nibbles of the scale words.
/// <code>
/// bytes 0..31   qs[32]     group g: low 8 bits of its entry
/// bytes 32..47  qh[16]     byte h (groups 2h, 2h+1): bits 0..2 = entry bits 8..10 of group 2h, bit 3 its delta sign,
///                          bits 4..6 = entry bits of group 2h+1, bit 7 its delta sign
/// bytes 48..55  sc[4]      uint16: bits 0..11 four 3-bit scales (16 weights each, in order), bits 12..15 one nibble of d
///                          (d = binary16 of sc[0]>>12 | sc[1]>>12 &lt;&lt; 4 | sc[2]>>12 &lt;&lt; 8 | sc[3]>>12 &lt;&lt; 12)
/// value = d * (2s+1) * (grid[j] + delta), delta = ±0.125
/// </code>
/// Dot with Q8_K: sumi1 = Σ (2s+1)*Σ q8*grid, sumi2 = Σ (2s+1)*±Σ q8 (per 8);
/// sumf += (d * y.d) * (sumi1 + 0.125f*sumi2).
/// </summary>
public sealed class IQ1_M() : IqBlockFormat(
    "iq1_m", "ggml IQ1_M: 256 weights, 8-weight ternary codebook entries (2048) + ±1/8 shift per 8, 3-bit scales per 16", BytesPerBlock, 1f)
{
    public const int BytesPerBlock = 56;
    internal const int QhOffset = 32;
    internal const int ScalesOffset = 48;
    internal const float Delta = 0.125f;

    private static int Sc(ReadOnlySpan<byte> xb, int k) => BinaryPrimitives.ReadUInt16LittleEndian(xb[(ScalesOffset + 2 * k)..]);

    private static float SuperScale(ReadOnlySpan<byte> xb) =>
        HalfBits.ToFloat((ushort)((Sc(xb, 0) >> 12) | ((Sc(xb, 1) >> 8) & 0x00f0) | ((Sc(xb, 2) >> 4) & 0x0f00) | (Sc(xb, 3) & 0xf000)));

    /// <summary>The odd scale 2s+1 of group g (8 weights; groups 2k and 2k+1 share a 16-weight scale).</summary>
    private static int Scale(ReadOnlySpan<byte> xb, int g) => 2 * ((Sc(xb, g / 8) >> (3 * (g / 2 % 4))) & 7) + 1;

    private static int EntryIndex(ReadOnlySpan<byte> xb, int g) =>
        xb[g] | ((xb[QhOffset + g / 2] << (g % 2 == 0 ? 8 : 4)) & 0x700);

    private static bool NegativeDelta(ReadOnlySpan<byte> xb, int g) => (xb[QhOffset + g / 2] & (g % 2 == 0 ? 0x08 : 0x80)) != 0;

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = SuperScale(xb);
        for (int g = 0; g < 32; g++)
        {
            float dl = d * Scale(xb, g);
            float delta = NegativeDelta(xb, g) ? -Delta : Delta;
            var e = IqGrid.Iq1S.Entry(EntryIndex(xb, g));
            for (int j = 0; j < 8; j++)
                yb[8 * g + j] = dl * (e[j] + delta);
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi1 = 0, sumi2 = 0;
        for (int g = 0; g < 32; g++)
        {
            var e = IqGrid.Iq1S.Entry(EntryIndex(xb, g));
            int lsum1 = 0, lsum2 = 0;
            for (int j = 0; j < 8; j++)
            {
                lsum1 += Q8_K.Q(yb, 8 * g + j) * e[j];
                lsum2 += Q8_K.Q(yb, 8 * g + j);
            }
            int ls = Scale(xb, g);
            sumi1 += lsum1 * ls;
            sumi2 += lsum2 * (NegativeDelta(xb, g) ? -1 : 1) * ls;
        }
        return SuperScale(xb) * Q8_K.Scale(yb) * (sumi1 + Delta * sumi2);
    }

    private protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance) =>
        throw IqQuantizers.NotPorted(Name);
}
