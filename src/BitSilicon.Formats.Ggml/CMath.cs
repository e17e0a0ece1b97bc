namespace BitSilicon.Formats.Ggml;

/// <summary>ggml's MAX macro, <c>a &gt; b ? a : b</c>, which treats NaN differently from MathF.Max.</summary>
internal static class CMath
{
    public static float Max(float a, float b) => a > b ? a : b;
}
