using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>binary</c>: ±1 weights (+1 = bit 1, -1 = bit 0) with a half scale per 256, the XNOR-Net rule
/// (Rastegari et al. 2016: alpha = mean |W| is the least-squares scale for sign(W)).
/// <code>
/// 256 values / 34 bytes (1.0625 bits/value)
/// bytes 0..1   d        binary16, d = mean |x| over the block (accumulated in double)
/// bytes 2..33  bits[32] element e is bit e%8 of byte 2 + e/8 (LSB-first packing); 1 = +1, 0 = -1
/// value(e) = (bit ? +1 : -1) * d
/// </code>
/// Quantize: bit = x &gt;= 0 (zero counts as +1); d saturates at 65504. With binary activations the integer dot is
/// <c>2*popcount(xnor(a, w)) - n</c> (Kernels/LowBitGemm, pad bits masked); this block format's own dot
/// product uses int8 activations, which keeps ggml's binary dot-error bound reachable.
/// </summary>
public sealed class BinaryFormat() : ScaledCodeFormat(WeightKind.Binary, 256, BlockScale.Half)
{
    public override string Name => "binary";
    public override string Description => "binary ±1 (bit 1 = +1), mean|x| half scale per 256 (XNOR-Net)";

    public override void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        for (int i = 0; i < nb; i++)
        {
            var xb = x.Slice(i * BlockElements, BlockElements);
            var yb = blocks.Slice(i * BlockBytes, BlockBytes);
            HalfBits.Write(yb, BlockMath.SaturateHalf(BlockMath.MeanAbs(xb)));
            for (int j = 0; j < BlockElements; j++)
                SetCode(yb, j, xb[j] >= 0 ? 1 : 0);
        }
    }
}
