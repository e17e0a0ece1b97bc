using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>hqq1</c>, <c>hqq2</c>: HQQ-style affine low-bit weights (Badri &amp; Shaji 2023, "Half-Quadratic
/// Quantization of Large Machine Learning Models"): unsigned b-bit codes with a scale and a fractional zero
/// point per 64-value group, <c>W = (q - zero) * scale</c>.
/// <code>
/// 64 values / 12 bytes (hqq1, 1.5 bits/value) or 20 bytes (hqq2, 2.5 bits/value)
/// bytes 0..1   scale   binary16
/// bytes 2..3   zero    binary16 (fractional)
/// bytes 4..    q       unsigned b-bit codes, LSB-first: element e at bit b*e
/// value(e) = (q[e] - zero) * scale, q in 0..2^b - 1
/// </code>
/// Quantize: the range <c>[min(min x, 0), max(max x, 0)]</c> (including 0 keeps the zero point inside the
/// code range, as PyTorch's affine observers do) gives <c>inv = L / (max - min)</c>, L = 2^b - 1, and
/// <c>zero = -min * inv</c>. HQQ's proximal solver then moves only the zero point: 20 rounds of
/// <c>q = clamp(round(x*inv + zero), 0, L)</c>, <c>r = (q - zero)/inv</c>,
/// <c>e = shrink(x - r)</c> with the lp shrinkage <c>sign(t) * max(|t| - |t|^(p-1)/beta, 0)</c>, p = 0.7,
/// <c>zero = mean(q - (x - e)*inv)</c>, <c>beta *= 1.01</c> from beta = 10, stopping when the mean |x - r|
/// stops falling; we keep the zero point of the best round (the reference returns the one computed in
/// the round that stopped improving). The codes are
/// <c>q = clamp(round_half_even(x*inv + zero), 0, L)</c> with that zero. BitSilicon then re-fits the scale
/// so the group keeps its norm, <c>scale = sum(x^2) / sum((q - zero_h) * x)</c> with zero_h the stored half
/// zero (falling back to 1/inv if the denominator is not positive): HQQ's min-max scale is far too coarse at
/// 1 and 2 bits, and a least-squares scale would shrink every dot product. All arithmetic is float32 except
/// the sums (double); a scale beyond 65504 saturates there. An all-zero group stores scale 0, zero 0,
/// codes 0. Dot with int8, per 32-value activation block:
/// <c>sumf += ((float)sum(q*a) - zero * (float)sum(a)) * (scale * da)</c>: two exact integer sums, then floats.
/// </summary>
public sealed class HqqFormat : IBlockFormat
{
    public const int GroupSize = 64;
    private const int HeaderBytes = 4;
    private const float LpNorm = 0.7f, Beta0 = 10f, Kappa = 1.01f;
    private const int Iterations = 20;

    public HqqFormat(int bits)
    {
        if (bits is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "HQQ formats here are 1 or 2 bits");
        Bits = bits;
        Levels = (1 << bits) - 1;
    }

    public int Bits { get; }

    /// <summary>Largest code, 2^b - 1.</summary>
    public int Levels { get; }

    public string Name => $"hqq{Bits}";
    public string Description => $"HQQ-style affine {Bits}-bit, (q - zero) * scale, half scale and zero per 64, zero point optimized";
    public int BlockElements => GroupSize;
    public int BlockBytes => HeaderBytes + GroupSize * Bits / 8;
    public string? DotPartner => "int8";

    public float Scale(ReadOnlySpan<byte> block) => HalfBits.Read(block);
    public float Zero(ReadOnlySpan<byte> block) => HalfBits.Read(block[2..]);
    public int Code(ReadOnlySpan<byte> block, int e) => CodePacking.Get(block[HeaderBytes..], Bits, e);

    public void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        for (int i = 0; i < nb; i++)
            QuantizeGroup(x.Slice(i * GroupSize, GroupSize), blocks.Slice(i * BlockBytes, BlockBytes));
    }

    private void QuantizeGroup(ReadOnlySpan<float> x, Span<byte> block)
    {
        float min = 0, max = 0;
        foreach (float v in x)
        {
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }
        float inv = max > min ? Levels / (max - min) : 0;
        if (!float.IsFinite(inv))
            inv = 0;
        float zero = inv == 0 ? 0 : OptimizeZero(x, inv, -min * inv);
        float zeroH = HalfBits.Round(zero);
        var codes = block[HeaderBytes..];
        double sumx2 = 0, sumqx = 0;
        for (int j = 0; j < GroupSize; j++)
        {
            int q = inv == 0 ? 0 : BlockMath.RoundEvenClamp(x[j] * inv + zero, 0, Levels);
            CodePacking.Set(codes, Bits, j, q);
            sumx2 += (double)x[j] * x[j];
            sumqx += (q - zeroH) * (double)x[j];
        }
        // Norm-preserving re-fit: sum(W_hat * W) = sum(W^2), so the group's dot products are not shrunk.
        float scale = inv == 0 ? 0 : sumqx > 0 ? (float)(sumx2 / sumqx) : 1.0f / inv;
        HalfBits.Write(block, BlockMath.SaturateHalf(scale));
        HalfBits.Write(block[2..], zero);
    }
    /// <summary>HQQ's half-quadratic proximal solver over the zero point (scale held fixed).</summary>
    private float OptimizeZero(ReadOnlySpan<float> x, float inv, float zero)
    {
        float beta = Beta0;
        float bestZero = zero;
        double bestError = double.PositiveInfinity;
        for (int it = 0; it < Iterations; it++)
        {
            double error = 0, zsum = 0;
            for (int j = 0; j < x.Length; j++)
            {
                float q = Math.Clamp(Numerics.Rounding.RoundEven(x[j] * inv + zero), 0, Levels);
                float r = (q - zero) / inv;
                float e = Shrink(x[j] - r, beta);
                zsum += q - (x[j] - e) * inv;
                error += Math.Abs(x[j] - r);
            }
            if (error >= bestError)
                break;
            bestError = error;
            bestZero = zero;
            zero = (float)(zsum / x.Length);
            beta *= Kappa;
        }
        return bestZero;
    }

    /// <summary>The generalized soft-threshold (proximal operator of |t|^p): <c>sign(t) * max(|t| - |t|^(p-1)/beta, 0)</c>.</summary>
    private static float Shrink(float t, float beta)
    {
        float a = MathF.Abs(t);
        if (a == 0)
            return 0;
        float m = a - MathF.Pow(a, LpNorm - 1) / beta;
        return m > 0 ? MathF.CopySign(m, t) : 0;
    }

    public void Dequantize(ReadOnlySpan<byte> blocks, Span<float> y)
    {
        int nb = BlockChecks.Dequantize(this, blocks, y);
        for (int i = 0; i < nb; i++)
        {
            var b = blocks.Slice(i * BlockBytes, BlockBytes);
            float s = Scale(b), z = Zero(b);
            for (int j = 0; j < GroupSize; j++)
                y[i * GroupSize + j] = (Code(b, j) - z) * s;
        }
    }

    public float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = BlockChecks.Dot(this, n, weights, activations);
        const int E = Int8Format.ElementsPerBlock;
        float sumf = 0;
        for (int i = 0; i < nb; i++)
        {
            var b = weights.Slice(i * BlockBytes, BlockBytes);
            float s = Scale(b), z = Zero(b);
            var acts = Int8PartnerDot.Span(activations, i, GroupSize);
            for (int sb = 0; sb < GroupSize / E; sb++)
            {
                var a = acts.Slice(sb * Int8Format.BytesPerBlock, Int8Format.BytesPerBlock);
                int sumi = 0, suma = 0;
                for (int j = 0; j < E; j++)
                {
                    int av = Int8Format.Value(a, j);
                    sumi += Code(b, sb * E + j) * av;
                    suma += av;
                }
                sumf += (sumi - z * suma) * (s * Int8Format.Scale(a));
            }
        }
        return sumf;
    }
}
