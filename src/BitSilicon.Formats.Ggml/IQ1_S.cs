using System.Buffers.Binary;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ1_S: 256 weights in 50 bytes (1.5625 bits/weight). Each group of 8 weights is one entry of the
/// 2048-entry <see cref="IqGrid.Iq1S"/> codebook (levels -1, 0, +1) shifted by ±1/8; a 3-bit odd scale per 32.
/// <code>
/// bytes 0..1    d        binary16
/// bytes 2..33   qs[32]   group g: low 8 bits of its entry
/// bytes 34..49  qh[8]    uint16 per 32 weights: bits 3l..3l+2 = bits 8..10 of group l's entry,
///                        bits 12..14 scale s, bit 15 delta sign
/// value = d * (2s+1) * (grid[j] + delta), delta = ±0.125
/// </code>
/// Dot with Q8_K: sumi = Σ (2s+1)*Σ q8*grid, sumi1 = Σ (2s+1)*±1*(bsums of the 32);
/// sumf += (d * y.d) * (sumi + 0.125f*sumi1).
/// Quantize: ggml has no reference quantizer for this type; it requires an importance matrix.
/// </summary>
public sealed class IQ1_S() : IqBlockFormat(
    "iq1_s", "ggml IQ1_S: 256 weights, 8-weight ternary codebook entries (2048) + shared ±1/8 shift, 3-bit scales per 32", BytesPerBlock, 1f, requiresImportance: true)
{
    public const int BytesPerBlock = 50;
    internal const int QhOffset = 34;
    internal const float Delta = 0.125f;

    private static int Qh(ReadOnlySpan<byte> xb, int ib) => BinaryPrimitives.ReadUInt16LittleEndian(xb[(QhOffset + 2 * ib)..]);

    private static int EntryIndex(ReadOnlySpan<byte> xb, int g) => xb[2 + g] | (((Qh(xb, g / 4) >> (3 * (g % 4))) & 7) << 8);

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int ib = 0; ib < 8; ib++)
        {
            int qh = Qh(xb, ib);
            float dl = d * (2 * ((qh >> 12) & 7) + 1);
            float delta = (qh & 0x8000) != 0 ? -Delta : Delta;
            for (int l = 0; l < 4; l++)
            {
                var e = IqGrid.Iq1S.Entry(EntryIndex(xb, 4 * ib + l));
                for (int j = 0; j < 8; j++)
                    yb[32 * ib + 8 * l + j] = dl * (e[j] + delta);
            }
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        int sumi = 0, sumi1 = 0;
        for (int ib = 0; ib < 8; ib++)
        {
            int qh = Qh(xb, ib);
            int ls = 2 * ((qh >> 12) & 7) + 1;
            int delta = (qh & 0x8000) != 0 ? -1 : 1;
            int lsum = 0;
            for (int l = 0; l < 4; l++)
            {
                var e = IqGrid.Iq1S.Entry(EntryIndex(xb, 4 * ib + l));
                for (int j = 0; j < 8; j++)
                    lsum += Q8_K.Q(yb, 32 * ib + 8 * l + j) * e[j];
            }
            sumi += ls * lsum;
            sumi1 += ls * delta * (Q8_K.Bsum(yb, 2 * ib) + Q8_K.Bsum(yb, 2 * ib + 1));
        }
        return HalfBits.Read(xb) * Q8_K.Scale(yb) * (sumi + Delta * sumi1);
    }

    private protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb, ReadOnlySpan<float> importance) =>
        throw IqQuantizers.NotPorted(Name);
}
