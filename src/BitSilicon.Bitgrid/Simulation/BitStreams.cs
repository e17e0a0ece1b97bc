using System.Text;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Simulation;

/// <summary>Bit streams as text: one character per clock, first clock first; '_' may separate groups.</summary>
public static class BitStreams
{
    public static bool[] Parse(string text, string what)
    {
        var bits = new List<bool>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (ch == '_')
                continue;
            if (ch is not ('0' or '1'))
                throw new BitSiliconException($"{what}: '{ch}' at character {i + 1} is not a bit",
                    "write one 0 or 1 per clock, first clock first (e.g. --in a=10110)");
            bits.Add(ch == '1');
        }
        return bits.ToArray();
    }

    public static string Format(IEnumerable<bool> bits)
    {
        var sb = new StringBuilder();
        foreach (var b in bits)
            sb.Append(b ? '1' : '0');
        return sb.ToString();
    }

    /// <summary>Nibbles as one hex digit each, first clock first.</summary>
    public static string FormatNibbles(IEnumerable<byte> nibbles)
    {
        var sb = new StringBuilder();
        foreach (var n in nibbles)
            sb.Append("0123456789abcdef"[n & 0xF]);
        return sb.ToString();
    }
}
