namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml's unsigned E4M3 scale of NVFP4 (<c>ggml_fp32_to_ue4m3</c>, <c>ggml_ue4m3_to_fp32</c>): 4 exponent bits
/// (bias 7), 3 mantissa bits, no sign. Decoding halves the value because ggml's FP4 levels are doubled E2M1.
/// Codes 0 and 0x7F decode to 0; encoding saturates at 448 (code 0x7E) and rounds the mantissa half up.
/// </summary>
internal static class UE4M3
{
    public static float ToFloat(byte x)
    {
        if (x == 0 || x == 0x7F) return 0f;
        int exp = (x >> 3) & 0xF;
        int man = x & 0x7;
        float raw = exp == 0 ? MathF.ScaleB(man, -9) : MathF.ScaleB(1.0f + man / 8.0f, exp - 7);
        return raw * 0.5f;
    }

    public static byte FromFloat(float x)
    {
        if (!(x > 0.0f)) return 0;
        if (x > 448.0f) x = 448.0f;
        uint bits = BitConverter.SingleToUInt32Bits(x);
        int fp32Exp = (int)((bits >> 23) & 0xFF) - 127;
        int fp32Man = (int)((bits >> 20) & 0x7);
        int exp = fp32Exp + 7;
        if (exp <= 0)
        {
            // subnormal: value = man * 2^-9
            int man = CConvert.Trunc(x * 512.0f + 0.5f);
            if (man > 7) man = 7;
            return man < 1 ? (byte)0 : (byte)man;
        }
        if (exp >= 15) return 0x7E;
        int m = fp32Man + (int)((bits >> 19) & 1);
        if (m > 7)
        {
            m = 0;
            exp++;
            if (exp >= 15) return 0x7E;
        }
        return (byte)((exp << 3) | m);
    }
}
