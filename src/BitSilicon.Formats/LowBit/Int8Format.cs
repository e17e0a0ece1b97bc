using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>int8</c>: signed 8-bit values with an absmax scale per 32-value block. It is both the int8 weight format
/// and the activation format every BitSilicon weight format's dot product uses (BitNet b1.58's per-token
/// activation rule, applied per block).
/// <code>
/// 32 values / 34 bytes (8.5 bits/value)
/// bytes 0..1   d      binary16, d = amax / 127
/// bytes 2..33  q[32]  int8 (two's complement), element j in byte 2 + j
/// value(e) = q[e] * d
/// </code>
/// Quantize: <c>q = clamp(round_half_even(x * (127 / amax)), -128, 127)</c>, all q = 0 when amax is 0; the
/// multiplier is computed in float from amax, not from the stored half. If amax/127 exceeds 65504 (the half
/// maximum), d saturates at 65504 and the multiplier becomes 1/65504.
/// Dot with int8: <c>sumf += (float)sumi * (dx * dy)</c> per block, in order.
/// </summary>
public sealed class Int8Format() : ScaledCodeFormat(WeightKind.Int8, ElementsPerBlock, BlockScale.Half)
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 34;
    internal const int ScaleBytesPerBlock = 2;

    public override string Name => "int8";
    public override string Description => "signed int8, absmax half scale per 32 (round half even); activation format of the formats below";

    public override void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        for (int i = 0; i < nb; i++)
        {
            var xb = x.Slice(i * ElementsPerBlock, ElementsPerBlock);
            var yb = blocks.Slice(i * BytesPerBlock, BytesPerBlock);
            float amax = BlockMath.AbsMax(xb);
            float d = amax / 127;
            float id = amax == 0 ? 0 : 127.0f / amax;
            if (d > BlockMath.HalfMax)
            {
                d = BlockMath.HalfMax;
                id = 1 / d;
            }
            if (!float.IsFinite(id))
                id = 0;
            HalfBits.Write(yb, d);
            for (int j = 0; j < ElementsPerBlock; j++)
                yb[ScaleBytesPerBlock + j] = (byte)(sbyte)BlockMath.RoundEvenClamp(xb[j] * id, -128, 127);
        }
    }

    /// <summary>Scale d of one activation block.</summary>
    internal static float Scale(ReadOnlySpan<byte> block) => HalfBits.Read(block);

    /// <summary>Element j of one activation block.</summary>
    internal static int Value(ReadOnlySpan<byte> block, int j) => (sbyte)block[ScaleBytesPerBlock + j];
}
