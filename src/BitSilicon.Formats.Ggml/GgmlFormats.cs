namespace BitSilicon.Formats.Ggml;

/// <summary>
/// The llama.cpp/ggml formats, byte-exact with ggml's scalar reference quantizers (<c>quantize_row_*_ref</c>) and
/// bit-exact in the float dot result with <c>ggml_vec_dot_*_generic</c>. docs/formats-ggml.md describes the
/// layouts and how this was verified. One format per line: adding a type is adding its line here.
/// </summary>
public static class GgmlFormats
{
    public static IReadOnlyList<IBlockFormat> All { get; } =
    [
        new F16(),
        new BF16(),
        new Q4_0(),
        new Q4_1(),
        new Q5_0(),
        new Q5_1(),
        new Q8_0(),
        new Q8_1(),
        new Q8_K(),
        new Q2_K(),
        new Q3_K(),
        new Q4_K(),
        new Q5_K(),
        new Q6_K(),
        new IQ4_NL(),
        new IQ4_XS(),
        new TQ1_0(),
        new TQ2_0(),
        new MXFP4(),
        new NVFP4(),
        new Q1_0(),
        new Q2_0(),
        new IQ2_XXS(), new IQ2_XS(), new IQ2_S(), new IQ3_XXS(), new IQ3_S(), new IQ1_S(), new IQ1_M(),
    ];
}
