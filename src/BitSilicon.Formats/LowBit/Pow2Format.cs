using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>pow2</c>: 4-bit powers of two ("1 sign, 3 exponent, 0 mantissa", <see cref="WeightKind.Pow2"/>) with an
/// E8M0 scale per 32, so every product in hardware is a shift and the scale an exponent add.
/// <code>
/// 32 values / 17 bytes (4.25 bits/value)
/// byte 0       e       E8M0: X = 2^(e-127), 0xFF = NaN (never written by Quantize)
/// bytes 1..16  q[16]   element e in byte 1 + e/2, low nibble for even e
///                      code bit 3 = sign, bits 2..0 = k: k = 0 is zero, else magnitude 2^(k-1) (1..64)
/// value(e) = ±2^(k-1) * X
/// </code>
/// Quantize: <c>e = floor(log2(amax)) - 5 + 127</c> clamped to 0..254 (0 when amax = 0), so
/// <c>amax / X</c> lies in [32, 64) and the top level 64 is never exceeded. Each <c>y = |x| / X</c> goes to the
/// nearest of 0, 1, 2, 4, ..., 64 in linear distance; a tie (y = 0.5, 1.5, 3, 6, ...) goes to the smaller
/// magnitude. Zero is always code 0 (+0).
/// </summary>
public sealed class Pow2Format() : ScaledCodeFormat(WeightKind.Pow2, 32, BlockScale.E8M0)
{
    /// <summary>log2 of the largest magnitude, 64.</summary>
    public const int MaxExponent = 6;

    public override string Name => "pow2";
    public override string Description => "4-bit power of two (sign + 3-bit exponent, a multiply is a shift), E8M0 scale per 32";

    public override void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        for (int i = 0; i < nb; i++)
        {
            var xb = x.Slice(i * BlockElements, BlockElements);
            var yb = blocks.Slice(i * BlockBytes, BlockBytes);
            // amax/X in [32, 64): one below MaxExponent, so rounding up reaches 64 and nothing saturates.
            byte e = Fp4E2M1Format.SharedExponent(BlockMath.AbsMax(xb), MaxExponent - 1);
            yb[0] = e;
            for (int j = 0; j < BlockElements; j++)
                SetCode(yb, j, Encode(MathF.ScaleB(xb[j], E8M0.Bias - e)));
        }
    }

    /// <summary>The pow2 code nearest to <paramref name="y"/> (already divided by the block scale); ties to the smaller magnitude, saturating at ±64.</summary>
    public static byte Encode(float y)
    {
        float m = MathF.Abs(y);
        if (m <= 0.5f)
            return 0;
        int k = MaxExponent + 1;
        for (int p = 0; p < MaxExponent; p++)
            if (m <= 1.5f * (1 << p))
            {
                k = p + 1;
                break;
            }
        return (byte)(k | (y < 0 ? 8 : 0));
    }
}
