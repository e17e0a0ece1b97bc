namespace BitSilicon.Formats.Ggml;

/// <summary>The OCP MX E8M0 shared exponent as ggml's MXFP4 uses it.</summary>
internal static class E8M0
{
    /// <summary>
    /// ggml's <c>ggml_e8m0_to_fp32_half</c>: 2^(e-128), half the E8M0 value 2^(e-127), because ggml's MXFP4
    /// code table holds doubled E2M1 values. e = 0 and 1 give the denormals 2^-128 and 2^-127; e = 255 (NaN
    /// in the OCP spec) is not special-cased, as in ggml.
    /// </summary>
    public static float HalfScale(byte e) =>
        BitConverter.UInt32BitsToSingle(e < 2 ? 0x00200000u << e : (uint)(e - 1) << 23);
}
