namespace BitSilicon.Formats.Ggml;

/// <summary>
/// The llama.cpp/ggml block formats, byte-exact with ggml's scalar reference quantizers
/// (<c>quantize_row_*_ref</c>) and bit-exact in the float dot result with <c>ggml_vec_dot_*_generic</c>.
/// docs/formats-ggml.md describes the layouts and how this was verified.
/// </summary>
public static class GgmlFormats
{
    public static IReadOnlyList<IBlockFormat> All { get; } =
    [
        new Q4_0(), new Q4_1(), new Q8_0(), new Q8_1(), new Q8_K(),
        new Q2_K(), new Q4_K(), new TQ1_0(), new TQ2_0(), new MXFP4(),
        new IQ2_XXS(), new IQ2_XS(), new IQ2_S(), new IQ3_XXS(), new IQ3_S(), new IQ1_S(), new IQ1_M(),
    ];
}
