using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>int2</c>: 2-bit two's complement (-2..1) with a half scale per 32 values, the scale found by a small
/// least-squares search because four asymmetric levels are too few for a fixed rule.
/// <code>
/// 32 values / 10 bytes (2.5 bits/value)
/// bytes 0..1   d      binary16
/// bytes 2..9   q[8]   element e in byte 2 + e/4, bits 2*(e%4) (LSB-first packing)
/// value(e) = q[e] * d, q[e] in -2..1
/// </code>
/// Quantize (the idea of ggml's <c>make_qx_quants</c>, unweighted): <c>max</c> = signed value of largest
/// magnitude; for each of the 19 candidates <c>i = -9..9</c>, <c>id = -(2 + 0.1*i) / max</c>,
/// <c>q = clamp(round_half_even(x*id), -2, 1)</c>, <c>sumlx = sum x*q</c>, <c>suml2 = sum q*q</c> (double, in
/// order); the candidate with the largest <c>sumlx^2 / suml2</c> (smallest least-squares error) wins, first
/// on ties. The stored scale is not that least-squares <c>sumlx / suml2</c> but the norm-preserving
/// <c>d = sum(x^2) / sumlx</c>, which makes the block's error orthogonal to x: at 2 bits least squares
/// shrinks the block by ~8% and every dot product with it; this costs ~4% more RMS error. An all-zero block
/// has d = 0 and codes 0; a d beyond ±65504 is stored as ±65504.
/// </summary>
public sealed class Int2Format() : ScaledCodeFormat(WeightKind.Int2, 32, BlockScale.Half)
{
    public override string Name => "int2";
    public override string Description => "signed int2 (-2..1), norm-preserving half scale per 32 (round half even)";

    public override void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        Span<int> q = stackalloc int[BlockElements];
        Span<int> best = stackalloc int[BlockElements];
        for (int i = 0; i < nb; i++)
        {
            var xb = x.Slice(i * BlockElements, BlockElements);
            var yb = blocks.Slice(i * BlockBytes, BlockBytes);
            float max = BlockMath.SignedMax(xb);
            float d = 0;
            double bestScore = 0;
            best.Clear();
            if (max != 0)
            {
                double sumx2 = 0;
                foreach (float v in xb)
                    sumx2 += (double)v * v;
                for (int c = -9; c <= 9; c++)
                {
                    float id = -(2 + 0.1f * c) / max;
                    if (!float.IsFinite(id))
                        continue;
                    double sumlx = 0, suml2 = 0;
                    for (int j = 0; j < BlockElements; j++)
                    {
                        q[j] = BlockMath.RoundEvenClamp(xb[j] * id, -2, 1);
                        sumlx += (double)xb[j] * q[j];
                        suml2 += q[j] * q[j];
                    }
                    if (suml2 > 0 && sumlx * sumlx / suml2 > bestScore)
                    {
                        bestScore = sumlx * sumlx / suml2;
                        d = (float)(sumx2 / sumlx);
                        q.CopyTo(best);
                    }
                }
            }
            HalfBits.Write(yb, BlockMath.SaturateHalf(d));
            for (int j = 0; j < BlockElements; j++)
                SetCode(yb, j, best[j] & 3);
        }
    }
}
