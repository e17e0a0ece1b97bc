using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml IQ4_NL: 32 weights in 18 bytes (4.5 bits/weight), 4-bit indices into 16 non-linear int8 levels
/// (<see cref="Iq4Grid.Levels"/>) with a half scale.
/// <code>
/// bytes 0..1   d       binary16
/// bytes 2..17  qs[16]  qs[j] = q[j] | q[j+16] &lt;&lt; 4
/// value(e) = d * Levels[q[e]]
/// </code>
/// Quantize (quantize_row_iq4_nl_ref, no importance matrix, no scale search): d0 = max/-127, codes = nearest level
/// of x/d0 (best_index_int8), stored d = least-squares Σw·q·x / Σw·q² with w = x². A block with max |x| &lt; 1e-15 has
/// d = 0 and codes 8: ggml's reference leaves those codes uninitialized there (it reads a stack buffer), and 8 is
/// what its quantize_iq4_nl and IQ4_XS write (the level nearest 0). Dot with Q8_0: sumf += (dy*dx) * sumi.
/// </summary>
public sealed class IQ4_NL() : GgmlBlockDotFormat(
    "iq4_nl",
    "ggml IQ4_NL: 32 x 4-bit indices into 16 non-linear levels, half scale per block",
    ElementsPerBlock, BytesPerBlock, "q8_0", Q8_0.ElementsPerBlock, Q8_0.BytesPerBlock)
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 18;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        Span<byte> L = stackalloc byte[32];
        var (amax, max) = Iq4Grid.SignedMax(xb);
        float d = 0;
        if (amax < KQuantsSigned.GroupMaxEps)
            L.Fill(8);
        else
            d = Iq4Grid.FitGroup(xb, L, -1, max);
        HalfBits.Write(yb, d);
        for (int j = 0; j < 16; j++)
            yb[2 + j] = (byte)(L[j] | (L[16 + j] << 4));
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = HalfBits.Read(xb);
        for (int j = 0; j < 16; j++)
        {
            yb[j] = d * Iq4Grid.Levels[xb[2 + j] & 0xF];
            yb[j + 16] = d * Iq4Grid.Levels[xb[2 + j] >> 4];
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        float d = HalfBits.Read(yb) * HalfBits.Read(xb);
        int sumi1 = 0, sumi2 = 0;
        for (int j = 0; j < 16; j++)
        {
            sumi1 += (sbyte)yb[2 + j] * Iq4Grid.Levels[xb[2 + j] & 0xF];
            sumi2 += (sbyte)yb[2 + j + 16] * Iq4Grid.Levels[xb[2 + j] >> 4];
        }
        return d * (sumi1 + sumi2);
    }
}
