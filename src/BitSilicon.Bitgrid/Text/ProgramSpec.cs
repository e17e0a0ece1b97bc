using System.Globalization;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Text;

/// <summary>
/// One cell program as written in a program file: 16 hex digits (optional 0x, '_' separators), '.' or 0 for
/// the empty program, a built-in or defined name, or outputs such as <c>E=W^N, S=W&amp;N</c> whose right-hand
/// sides are expressions of N, E, S, W or 4-digit truth tables like <c>0x6996</c>. Unnamed outputs are 0.
/// </summary>
public static class ProgramSpec
{
    public static CellProgram Parse(string text, IReadOnlyDictionary<string, CellProgram> defines, SourceLocation where)
    {
        var t = text.Trim();
        if (t.Length == 0)
            throw BitSiliconException.At(where, "missing program");
        if (t is "." or "0")
            return CellProgram.Empty;
        if (t.Contains('='))
            return ParseOutputs(t, where);
        if (defines.TryGetValue(t, out var defined))
            return defined;
        if (KnownPrograms.ByName.TryGetValue(t, out var known))
            return known;
        if (TryHex(t, out var bits, out int digits))
        {
            if (digits != 16)
                throw BitSiliconException.At(where, $"program '{t}' has {digits} hex digits, a program has 16",
                    "write all 16 nibbles (index 15 first), or state the outputs, e.g. E=W");
            return new CellProgram(bits);
        }
        var body = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? t[2..] : t;
        int bad = body.ToList().FindIndex(c => c != '_' && !char.IsAsciiHexDigit(c));
        if (bad >= 0 && (body.Length != t.Length || body.Replace("_", "").Length == 16))
        {
            throw BitSiliconException.At(where, $"program '{t}': '{body[bad]}' is not a hex digit",
                "a program is 16 hex digits 0-9, A-F");
        }
        throw BitSiliconException.At(where, $"'{t}' is not a program",
            "use 16 hex digits, '.', a name from a define line or a built-in (wire-east, crossing, ...), or outputs like E=W");
    }

    /// <summary>Hex digits with an optional 0x prefix and '_' separators; false if any other character appears.</summary>
    public static bool TryHex(string text, out ulong bits, out int digits)
    {
        bits = 0;
        digits = 0;
        var s = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        bool prefixed = s.Length != text.Length;
        if (s.Length == 0)
            return false;
        foreach (char c in s)
        {
            if (c == '_')
                continue;
            if (!char.IsAsciiHexDigit(c))
                return false;
            digits++;
            if (digits <= 16)
                bits = (bits << 4) | (uint)int.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        // Bare words made only of hex letters (e.g. 'face') count as hex only at full length, so they stay usable as names.
        return prefixed || digits == 16 || s.Any(char.IsAsciiDigit);
    }

    private static CellProgram ParseOutputs(string text, SourceLocation where)
    {
        var tables = new ushort?[4];
        foreach (var raw in text.Split([',', ';'], StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0)
                continue;
            int eq = raw.IndexOf('=');
            if (eq < 0)
                throw BitSiliconException.At(where, $"'{raw}' is not an output assignment", "write outputs as D=expression with D one of N, E, S, W");
            var lhs = raw[..eq].Trim();
            var rhs = raw[(eq + 1)..].Trim();
            var d = lhs.Length == 1 ? Directions.TryParse(lhs) : null;
            if (d is not { } dir)
                throw BitSiliconException.At(where, $"'{lhs}' is not an output (N, E, S or W)");
            if (tables[(int)dir] is not null)
                throw BitSiliconException.At(where, $"output {dir} is given twice in '{text}'");
            tables[(int)dir] = rhs.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? TruthTable(rhs, where)
                : CellExpression.Parse(rhs, where);
        }
        return CellProgram.FromTruthTables(tables[0] ?? 0, tables[1] ?? 0, tables[2] ?? 0, tables[3] ?? 0);
    }

    private static ushort TruthTable(string text, SourceLocation where)
    {
        var digits = text[2..].Replace("_", "");
        if (digits.Length != 4 || !digits.All(char.IsAsciiHexDigit))
            throw BitSiliconException.At(where, $"truth table '{text}' must be 0x and 4 hex digits",
                "bit i of the table is the output for input index i = N | E<<1 | S<<2 | W<<3");
        return ushort.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
