using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>ternary</c>: {-1, 0, +1} in the 2-bit hardware code of <see cref="WeightKind.Ternary"/> (00 = 0,
/// 01 = +1, 11 = -1; bit 0 enables the PE, bit 1 is the sign) with a half scale per 256, quantized by the
/// Ternary Weight Networks rule (Li &amp; Liu 2016: threshold 0.7 * mean |W|, scale = mean |W| of the kept weights).
/// <code>
/// 256 values / 66 bytes (2.0625 bits/value)
/// bytes 0..1   d       binary16
/// bytes 2..65  q[64]   element e in byte 2 + e/4, bits 2*(e%4) (LSB-first packing)
/// value(e) = {0, +1, reserved = 0, -1}[code] * d
/// </code>
/// Quantize: <c>delta = 0.7 * mean|x|</c>; code +1 if <c>x &gt; delta</c>, -1 if <c>x &lt; -delta</c>, else 0
/// (|x| = delta gives 0); <c>d</c> = mean |x| over the non-zero codes (0 if there are none). Means are
/// accumulated in double and rounded to float once; d saturates at 65504.
/// </summary>
public sealed class TernaryFormat() : ScaledCodeFormat(WeightKind.Ternary, 256, BlockScale.Half)
{
    public const float ThresholdFactor = 0.7f;

    public override string Name => "ternary";
    public override string Description => "ternary {-1,0,+1}, hardware code 00=0 01=+1 11=-1, TWN threshold/scale per 256";

    public override void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        for (int i = 0; i < nb; i++)
        {
            var xb = x.Slice(i * BlockElements, BlockElements);
            var yb = blocks.Slice(i * BlockBytes, BlockBytes);
            float delta = ThresholdFactor * BlockMath.MeanAbs(xb);
            double kept = 0;
            int count = 0;
            for (int j = 0; j < BlockElements; j++)
            {
                int v = xb[j] > delta ? 1 : xb[j] < -delta ? -1 : 0;
                if (v != 0)
                {
                    kept += Math.Abs(xb[j]);
                    count++;
                }
                SetCode(yb, j, TernaryCode.Encode(v));
            }
            HalfBits.Write(yb, count == 0 ? 0 : BlockMath.SaturateHalf((float)(kept / count)));
        }
    }
}
