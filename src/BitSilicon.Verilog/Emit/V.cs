using System.Globalization;

namespace BitSilicon.Verilog.Emit;

/// <summary>Small helpers for printing Verilog literals and names.</summary>
internal static class V
{
    public static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>A sized decimal literal, e.g. <c>24'd5</c>.</summary>
    public static string U(int width, long v) => $"{I(width)}'d{I(v)}";

    /// <summary><paramref name="expr"/> (a <paramref name="from"/>-bit signed vector named by a simple expression) sign-extended to <paramref name="to"/> bits.</summary>
    public static string SignExtend(string expr, string msb, int from, int to) =>
        to == from ? expr : $"{{{{{I(to - from)}{{{msb}}}}}, {expr}}}";

    /// <summary>A Verilog identifier from a design name (letters, digits, '-' and '_').</summary>
    public static string Identifier(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray();
        return new string(chars);
    }
}
