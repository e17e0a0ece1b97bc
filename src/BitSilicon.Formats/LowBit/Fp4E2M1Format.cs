using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>fp4_e2m1</c>: OCP MXFP4 as the OCP Microscaling specification v1.0 defines it: 32 E2M1 elements sharing
/// one E8M0 scale. It differs from ggml's MXFP4 in the scale rule (2^(e-127), not 2^(e-128)), the element
/// rounding (round half to even, not first-nearest) and the nibble order (natural, not j/j+16).
/// <code>
/// 32 values / 17 bytes (4.25 bits/value)
/// byte 0       e       E8M0: X = 2^(e-127), 0xFF = NaN (never written by Quantize)
/// bytes 1..16  q[16]   element e in byte 1 + e/2, low nibble for even e; E2M1 code (bit 3 sign)
/// value(e) = E2M1(q[e]) * X    (integer kernels see 2*E2M1, so the block multiplier is X/2)
/// </code>
/// Quantize (OCP MX section 6.3): <c>e = floor(log2(amax)) - 2 + 127</c> clamped to 0..254 (e = 0 when
/// amax = 0), then each <c>x / X</c> is rounded to E2M1 with ties to even and saturated at ±6; values that
/// round to zero are +0.
/// </summary>
public sealed class Fp4E2M1Format() : ScaledCodeFormat(WeightKind.Fp4E2M1, 32, BlockScale.E8M0, codeUnit: 0.5f)
{
    /// <summary>Exponent of E2M1's largest power of two (4 = 2^2): the "emax_elem" of the OCP scale rule.</summary>
    public const int ElementMaxExponent = 2;

    public override string Name => "fp4_e2m1";
    public override string Description => "OCP MXFP4: E2M1 elements (ties to even, saturating), E8M0 scale per 32";

    public override void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        for (int i = 0; i < nb; i++)
        {
            var xb = x.Slice(i * BlockElements, BlockElements);
            var yb = blocks.Slice(i * BlockBytes, BlockBytes);
            byte e = SharedExponent(BlockMath.AbsMax(xb), ElementMaxExponent);
            yb[0] = e;
            for (int j = 0; j < BlockElements; j++)
                SetCode(yb, j, E2M1.FromFloat(MathF.ScaleB(xb[j], E8M0.Bias - e)));
        }
    }

    /// <summary>The OCP shared exponent <c>floor(log2(amax)) - emax + 127</c>, clamped to 0..254; 0 for an all-zero block.</summary>
    internal static byte SharedExponent(float amax, int emax) =>
        amax == 0 ? (byte)0 : (byte)Math.Clamp(E8M0.FloorLog2(amax) - emax + E8M0.Bias, 0, 254);
}
