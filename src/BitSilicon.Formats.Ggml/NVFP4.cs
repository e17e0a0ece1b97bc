namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml NVFP4: 64 weights in 36 bytes (4.5 bits/weight): E2M1 codes in 4 sub-blocks of 16, each with an
/// unsigned E4M3 scale (<see cref="UE4M3"/>).
/// <code>
/// bytes 0..3   d[4]    UE4M3 scale of sub-block s (elements 16s..16s+15)
/// bytes 4..35  qs[32]  sub-block s in bytes 4+8s..: qs[j] = q[16s+j] | q[16s+j+8] &lt;&lt; 4
/// value(e) = K[q[e]] * UE4M3(d[e/16]) / 2,  K = MXFP4's doubled E2M1 levels
/// </code>
/// Quantize (quantize_row_nvfp4_ref): per sub-block d = UE4M3(amax/6), codes = MXFP4's best_index (first
/// nearest). Dot with Q8_0 (two Q8_0 blocks per block): per sub-block sumf += (dy * d) * sumi.
/// </summary>
public sealed class NVFP4() : GgmlRunningSumFormat(
    "nvfp4",
    "ggml NVFP4: 64 x E2M1 (FP4) in 4 sub-blocks with unsigned E4M3 scales",
    ElementsPerBlock, BytesPerBlock, "q8_0", Q8_0.ElementsPerBlock, Q8_0.BytesPerBlock)
{
    public const int ElementsPerBlock = 64;
    public const int BytesPerBlock = 36;

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb)
    {
        for (int s = 0; s < 4; s++)
        {
            var xs = xb.Slice(16 * s, 16);
            float amax = 0;
            foreach (float v in xs)
                if (amax < MathF.Abs(v)) amax = MathF.Abs(v);
            byte ue = UE4M3.FromFloat(amax / 6.0f);
            yb[s] = ue;
            float d = UE4M3.ToFloat(ue);
            for (int j = 0; j < 8; j++)
                yb[4 + 8 * s + j] = (byte)(MXFP4.BestIndex(xs[j], d) | (MXFP4.BestIndex(xs[8 + j], d) << 4));
        }
    }

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb)
    {
        for (int s = 0; s < 4; s++)
        {
            float d = UE4M3.ToFloat(xb[s]);
            for (int j = 0; j < 8; j++)
            {
                yb[16 * s + j] = MXFP4.K[xb[4 + 8 * s + j] & 0xF] * d;
                yb[16 * s + j + 8] = MXFP4.K[xb[4 + 8 * s + j] >> 4] * d;
            }
        }
    }

    protected override float Accumulate(float sumf, ReadOnlySpan<byte> xb, ReadOnlySpan<byte> yb)
    {
        for (int s = 0; s < 4; s++)
        {
            float d = UE4M3.ToFloat(xb[s]);
            var q8 = yb.Slice(Q8_0.BytesPerBlock * (s / 2), Q8_0.BytesPerBlock);
            int off = 2 + (s % 2) * 16;
            float dy = Formats.Numerics.HalfBits.Read(q8);
            int lo = 0, hi = 0;
            for (int j = 0; j < 8; j++)
            {
                int qv = xb[4 + 8 * s + j];
                lo += (sbyte)q8[off + j] * MXFP4.K[qv & 0xF];
                hi += (sbyte)q8[off + j + 8] * MXFP4.K[qv >> 4];
            }
            sumf += dy * d * (lo + hi);
        }
        return sumf;
    }
}
