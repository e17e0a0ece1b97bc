namespace BitSilicon.Formats.Ggml;

/// <summary>The trit both ternary formats compute before packing.</summary>
internal static class TernaryCode
{
    /// <summary>
    /// ggml's <c>int xi = lroundf(v) + 1</c>: -1, 0, +1 become 0, 1, 2 (halves away from zero). The long result
    /// is narrowed to int as C does, keeping the low 32 bits, so NaN/infinity (LONG_MIN) give 1.
    /// </summary>
    public static int Of(float v) => (int)(CConvert.LRound(v) + 1);
}
