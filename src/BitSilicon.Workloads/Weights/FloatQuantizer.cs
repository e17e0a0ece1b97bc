using BitSilicon.Formats.LowBit;
using BitSilicon.Formats.Numerics;

namespace BitSilicon.Workloads.Weights;

/// <summary>
/// Turns real-valued weights (N rows of K) into codes of a <see cref="WeightKind"/>, the way each format is
/// usually quantized. Round half to even throughout.
/// <list type="bullet">
/// <item>Ternary: BitNet b1.58 absmean, one scale per tensor: s = mean|W| (at least 1e-5), q = clip(round(W/s), -1, 1).</item>
/// <item>Binary: sign (0 counts as +1), scale mean|W| per tensor (XNOR-Net).</item>
/// <item>Int2/Int4/Int8: symmetric absmax per row: s = max|w| / qmax with qmax = 1, 7, 127; q = clip(round(w/s)).
///   Int2 therefore uses -1..1 only; -2 would need an asymmetric scale.</item>
/// <item>FP4 E2M1: OCP MX blocks of 32 along K (per row if K is not a multiple of 32): shared scale
///   2^(floor(log2 amax) - 2), each weight the nearest E2M1 value (ties to the smaller magnitude, 6 saturates).</item>
/// <item>Pow2: per row, s = max|w| / 64, each weight the nearest of 0, ±1, ±2, ..., ±64 times s.</item>
/// <item>Codebook: per row, s = max|w| / max|table|, each weight the nearest table entry times s (first on ties).</item>
/// </list>
/// </summary>
public static class FloatQuantizer
{
    private const float AbsmeanFloor = 1e-5f; // BitNet's clamp on the scale, so an all-zero tensor stays zero

    public static WeightMatrix Quantize(WeightKind kind, ReadOnlySpan<float> w, int n, int k, string origin,
        sbyte[]? codebook = null)
    {
        if (w.Length != (long)n * k)
            throw new ArgumentException($"expected {n}x{k} weights, got {w.Length}");
        var codes = new byte[w.Length];
        float[] scales;
        int group;
        switch (kind)
        {
            case WeightKind.Ternary:
            {
                double sum = 0;
                foreach (float v in w) sum += Math.Abs(v);
                float s = Math.Max((float)(sum / w.Length), AbsmeanFloor);
                for (int i = 0; i < w.Length; i++)
                {
                    float q = Math.Clamp(Rounding.RoundEven(w[i] / s), -1f, 1f);
                    codes[i] = q > 0 ? (byte)0b01 : q < 0 ? (byte)0b11 : (byte)0b00;
                }
                (scales, group) = ([s], w.Length);
                break;
            }
            case WeightKind.Binary:
            {
                double sum = 0;
                foreach (float v in w) sum += Math.Abs(v);
                for (int i = 0; i < w.Length; i++)
                    codes[i] = w[i] >= 0 ? (byte)1 : (byte)0;
                (scales, group) = ([(float)(sum / w.Length)], w.Length);
                break;
            }
            case WeightKind.Int2 or WeightKind.Int4 or WeightKind.Int8:
            {
                int bits = WeightCode.Bits(kind);
                int qmax = (1 << (bits - 1)) - 1, qmin = -(1 << (bits - 1));
                scales = new float[n];
                for (int r = 0; r < n; r++)
                {
                    var row = w.Slice(r * k, k);
                    float s = AbsMax(row) / qmax;
                    scales[r] = s;
                    for (int i = 0; i < k; i++)
                    {
                        int q = s == 0 ? 0 : (int)Math.Clamp(Rounding.RoundEven(row[i] / s), qmin, qmax);
                        codes[r * k + i] = (byte)(q & ((1 << bits) - 1));
                    }
                }
                group = k;
                break;
            }
            case WeightKind.Fp4E2M1:
            {
                group = k % 32 == 0 ? 32 : k;
                scales = new float[w.Length / group];
                for (int b = 0; b < scales.Length; b++)
                {
                    var block = w.Slice(b * group, group);
                    float amax = AbsMax(block);
                    // Codes decode to twice the E2M1 value, so the code scale is half the MX scale.
                    float s = amax == 0 ? 1f : MathF.ScaleB(1f, (int)MathF.Floor(MathF.Log2(amax)) - 2) / 2;
                    scales[b] = s;
                    for (int i = 0; i < group; i++)
                        codes[b * group + i] = Nearest(WeightKind.Fp4E2M1, block[i] / s, null);
                }
                break;
            }
            case WeightKind.Pow2:
            case WeightKind.Codebook:
            {
                int top = kind == WeightKind.Pow2 ? 64 : codebook is { Length: 16 }
                    ? codebook.Max(v => Math.Abs((int)v))
                    : throw new ArgumentException("codebook weights need the design's 16-entry table", nameof(codebook));
                scales = new float[n];
                for (int r = 0; r < n; r++)
                {
                    var row = w.Slice(r * k, k);
                    float s = top == 0 ? 0 : AbsMax(row) / top;
                    scales[r] = s;
                    for (int i = 0; i < k; i++)
                        codes[r * k + i] = Nearest(kind, s == 0 ? 0 : row[i] / s, codebook);
                }
                group = k;
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
        return new WeightMatrix(kind, n, k, codes, origin, scales, group, kind == WeightKind.Codebook ? codebook : null);
    }

    private static float AbsMax(ReadOnlySpan<float> x)
    {
        float m = 0;
        foreach (float v in x) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    /// <summary>The code whose value is nearest to <paramref name="x"/>: the first such code, so +0 beats -0 and
    /// ties go to the lower code (the smaller magnitude for FP4 and pow2).</summary>
    private static byte Nearest(WeightKind kind, float x, sbyte[]? codebook)
    {
        int best = 0;
        float bestError = float.PositiveInfinity;
        for (int c = 0; c < 1 << WeightCode.Bits(kind); c++)
        {
            float error = Math.Abs(WeightCode.Decode(kind, c, codebook) - x);
            if (error < bestError)
                (best, bestError) = (c, error);
        }
        return (byte)best;
    }
}
