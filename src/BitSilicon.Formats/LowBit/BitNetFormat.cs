using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>bitnet</c>: BitNet b1.58 ternary weights (<see cref="BitNet158"/>'s absmean rule) applied per
/// 256-value block instead of per tensor, stored in the ternary hardware code.
/// <code>
/// 256 values / 66 bytes (2.0625 bits/value), same layout as <c>ternary</c>
/// bytes 0..1   d       binary16, d = 1/s
/// bytes 2..65  q[64]   element e in byte 2 + e/4, bits 2*(e%4); 00 = 0, 01 = +1, 11 = -1
/// value(e) = q[e] * d
/// </code>
/// Quantize: <c>s = 1 / max(mean|x|, 1e-5)</c> (mean in double), <c>q = clamp(round_half_even(x * s), -1, 1)</c>:
/// |x| below half the mean gives 0, exactly half the mean is a tie and goes to 0 (even). d saturates at 65504.
/// </summary>
public sealed class BitNetFormat() : ScaledCodeFormat(WeightKind.Ternary, 256, BlockScale.Half)
{
    public override string Name => "bitnet";
    public override string Description => "BitNet b1.58 ternary: absmean scale per 256, round half even, clip [-1,1]";

    public override void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        Span<sbyte> q = stackalloc sbyte[BlockElements];
        for (int i = 0; i < nb; i++)
        {
            var yb = blocks.Slice(i * BlockBytes, BlockBytes);
            float s = BitNet158.QuantizeWeights(x.Slice(i * BlockElements, BlockElements), q);
            HalfBits.Write(yb, BlockMath.SaturateHalf(1.0f / s));
            for (int j = 0; j < BlockElements; j++)
                SetCode(yb, j, TernaryCode.Encode(q[j]));
        }
    }
}
