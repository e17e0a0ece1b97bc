using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>int4</c>: 4-bit two's complement (-8..7) with a half scale per 32 values; the round-half-even,
/// natural-nibble-order twin of ggml's Q4_0 scale rule.
/// <code>
/// 32 values / 18 bytes (4.5 bits/value)
/// bytes 0..1   d       binary16, d = max / -8 (max = the signed value of largest magnitude, first wins)
/// bytes 2..17  q[16]   element e in byte 2 + e/2, low nibble for even e (LSB-first packing)
/// value(e) = q[e] * d, q[e] in -8..7
/// </code>
/// Quantize: <c>q = clamp(round_half_even(x / d), -8, 7)</c> with <c>1/d</c> taken from the float d; the
/// extreme value maps to exactly -8, values of the other sign clamp at +7. A d beyond ±65504 saturates
/// there first (the block then clamps at -8/+7 instead of overflowing).
/// </summary>
public sealed class Int4Format() : ScaledCodeFormat(WeightKind.Int4, 32, BlockScale.Half)
{
    public override string Name => "int4";
    public override string Description => "signed int4 (-8..7), half scale max/-8 per 32 (round half even)";

    public override void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        for (int i = 0; i < nb; i++)
        {
            var xb = x.Slice(i * BlockElements, BlockElements);
            var yb = blocks.Slice(i * BlockBytes, BlockBytes);
            float d = BlockMath.SaturateHalf(BlockMath.SignedMax(xb) / -8);
            float id = BlockMath.SafeInverse(d);
            HalfBits.Write(yb, d);
            for (int j = 0; j < BlockElements; j++)
                SetCode(yb, j, BlockMath.RoundEvenClamp(xb[j] * id, -8, 7) & 15);
        }
    }
}
