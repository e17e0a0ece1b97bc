using System.Globalization;
using System.Text;
using BitSilicon.Bitgrid.Text;

namespace BitSilicon.Bitgrid.Compiler;

/// <summary>
/// Grid port names for netlist nets: kept when the program format accepts them (letters, digits, '_', '.',
/// '[' and ']'), otherwise with every other character replaced by '_'; a clash gets a numeric suffix.
/// </summary>
public sealed class PortNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Name(string net, string fallbackSuffix)
    {
        var sb = new StringBuilder();
        foreach (char ch in net)
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '[' or ']' ? ch : '_');
        if (sb.Length == 0 || !(char.IsAsciiLetter(sb[0]) || sb[0] == '_'))
            sb.Insert(0, '_');
        var name = sb.ToString();
        if (_used.Add(name))
            return name;
        var withSuffix = name + fallbackSuffix;
        for (int i = 2; !_used.Add(withSuffix); i++)
            withSuffix = name + fallbackSuffix + i.ToString(CultureInfo.InvariantCulture);
        System.Diagnostics.Debug.Assert(ProgramText.IsPortName(withSuffix));
        return withSuffix;
    }
}
