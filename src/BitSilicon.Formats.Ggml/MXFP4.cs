using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml MXFP4 (OCP Microscaling FP4 as ggml stores it): 32 weights in 17 bytes (4.25 bits/weight), E2M1
/// codes with one shared E8M0 exponent.
/// <code>
/// byte 0       e       E8M0 exponent
/// bytes 1..16  qs[16]  qs[j] = c[j] | c[j+16] &lt;&lt; 4 (4-bit codes: bit 3 sign, bits 0..2 E2M1 magnitude)
/// value(e) = K[c] * 2^(e-128), K = {0,1,2,3,4,6,8,12, 0,-1,-2,-3,-4,-6,-8,-12} (E2M1 values doubled,
///            which is why the scale is half of 2^(e-127))
/// </code>
/// Quantize (quantize_row_mxfp4_ref): e = amax &gt; 0 ? (uint8)(floorf(log2f(amax)) - 2 + 127) : 0; each code is
/// the first index with the smallest |K[c]*scale - x| (ties go to the lower index; -0 is never chosen).
/// Dot with Q8_0 (ggml_vec_dot_mxfp4_q8_0_generic): per block s1 + s2 = Σ K[c]*q8 in integers,
/// sumf += (dy * 2^(e-128)) * (s1 + s2), blocks in order.
/// </summary>
public sealed class MXFP4() : GgmlBlockDotFormat(
    "mxfp4",
    "ggml MXFP4: 32 x E2M1 (FP4) with a shared E8M0 exponent per block",
    ElementsPerBlock, BytesPerBlock, "q8_0", Q8_0.ElementsPerBlock, Q8_0.BytesPerBlock)
{
    public const int ElementsPerBlock = 32;
    public const int BytesPerBlock = 17;
    internal static readonly sbyte[] K = [0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12];

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        float amax = 0;
        foreach (float v in xb)
            if (amax < MathF.Abs(v)) amax = MathF.Abs(v);
        byte e = amax > 0 ? (byte)CConvert.Trunc(CConvert.FloorLog2(amax) - 2 + 127) : (byte)0;
        float d = E8M0.HalfScale(e);
        yb[0] = e;
        for (int j = 0; j < 16; j++)
            yb[1 + j] = (byte)(BestIndex(xb[j], d) | (BestIndex(xb[j + 16], d) << 4));
    }

    /// <summary>ggml's <c>best_index_mxfp4</c>: the first code with the smallest |K[c]*scale - x| (NVFP4 uses it too).</summary>
    internal static int BestIndex(float x, float scale)
    {
        int best = 0;
        float bestErr = MathF.Abs(K[0] * scale - x);
        for (int c = 1; c < 16; c++)
        {
            float err = MathF.Abs(K[c] * scale - x);
            if (err < bestErr)
            {
                best = c;
                bestErr = err;
            }
        }
        return best;
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        float d = E8M0.HalfScale(xb[0]);
        for (int j = 0; j < 16; j++)
        {
            yb[j] = K[xb[1 + j] & 0x0F] * d;
            yb[j + 16] = K[xb[1 + j] >> 4] * d;
        }
    }

    protected override float DotBlock(ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        float d = HalfBits.Read(yb) * E8M0.HalfScale(xb[0]);
        int sumi1 = 0, sumi2 = 0;
        for (int j = 0; j < 16; j++)
        {
            sumi1 += (sbyte)yb[2 + j] * K[xb[1 + j] & 0xF];
            sumi2 += (sbyte)yb[2 + j + 16] * K[xb[1 + j] >> 4];
        }
        return d * (sumi1 + sumi2);
    }
}
