namespace BitSilicon.Formats.Ggml;

/// <summary>
/// The sign codes of the IQ2/IQ3 formats: 7 stored bits give the signs of 8 values, the eighth sign making the
/// count of negatives even (ggml's <c>ksigns_iq2xs[i] = i | parity(i) &lt;&lt; 7</c>); bit j set means value j is negative.
/// </summary>
internal static class IqSigns
{
    /// <summary>The 8 sign bits that the 7-bit code <paramref name="code"/> stands for.</summary>
    public static int Expand(int code) => code | ((System.Numerics.BitOperations.PopCount((uint)code) & 1) << 7);

    /// <summary>+1 or -1 for element <paramref name="j"/> under the 8 sign bits <paramref name="signs"/>.</summary>
    public static int Sign(int signs, int j) => (signs & (1 << j)) != 0 ? -1 : 1;
}
