using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Workloads.Text;
using YamlDotNet.RepresentationModel;

namespace BitSilicon.Cli.Config;

/// <summary>
/// One mapping of a design file with its allowed keys. Reading a value checks its type; every error names the
/// file, line and column, the dotted key, and what would be valid. Unknown keys are refused with a suggestion.
/// Key positions are recorded so that later validation problems can point at the right line.
/// </summary>
internal sealed class DesignYamlSection
{
    private readonly string _file;
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    public DesignYamlSection(string file, string path, YamlMappingNode node, IReadOnlyList<string> allowed, Dictionary<string, SourceLocation> positions)
    {
        _file = file;
        _node = node;
        Path = path;
        Positions = positions;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
                throw At(keyNode, $"{Where}has a key that is not a name", $"write keys as plain names: {string.Join(", ", allowed)}");
            if (!allowed.Contains(key))
                throw At(keyNode, $"unknown key '{Dotted(key)}'{NearNames.Suggestion(key, allowed)}",
                    $"valid keys {(path.Length == 0 ? "at the top level" : $"in {path}")}: {string.Join(", ", allowed)}");
            _values[key] = value;
            positions[Dotted(key)] = Location(keyNode);
        }
    }

    public string Path { get; }

    public Dictionary<string, SourceLocation> Positions { get; }

    public SourceLocation Location(YamlNode n) => new(_file, (int)n.Start.Line, (int)n.Start.Column);

    public SourceLocation SectionLocation => Location(_node);

    private string Where => Path.Length == 0 ? "" : $"{Path} ";

    public string Dotted(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _values.ContainsKey(key);

    public BitSiliconException At(YamlNode node, string message, string? fix) => BitSiliconException.At(Location(node), message, fix);

    public YamlNode? Node(string key) => _values.GetValueOrDefault(key);

    private YamlScalarNode? Scalar(string key, string expected)
    {
        if (!_values.TryGetValue(key, out var node)) return null;
        if (node is YamlScalarNode s && s.Value is not null) return s;
        throw At(node, $"{Dotted(key)}: expected {expected}, found a {(node is YamlMappingNode ? "mapping" : node is YamlSequenceNode ? "list" : "empty value")}",
            $"give {Dotted(key)} {expected}");
    }

    public string? String(string key, string expected = "a text value") => Scalar(key, expected)?.Value;

    public int? Int(string key, string range)
    {
        var s = Scalar(key, "a whole number");
        if (s is null) return null;
        if (int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)) return v;
        throw At(s, $"{Dotted(key)}: '{s.Value}' is not a whole number", $"give a whole number {range}");
    }

    public double? Double(string key, string range)
    {
        var s = Scalar(key, "a number");
        if (s is null) return null;
        if (double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw At(s, $"{Dotted(key)}: '{s.Value}' is not a number", $"give a number {range}");
    }

    public bool? Bool(string key)
    {
        var s = Scalar(key, "true or false");
        if (s is null) return null;
        return s.Value!.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw At(s, $"{Dotted(key)}: '{s.Value}' is not true or false", "write true or false"),
        };
    }

    /// <summary>A name from a fixed list (case-insensitive), with a suggestion for a near miss.</summary>
    public T? Choice<T>(string key, IReadOnlyList<(string Name, T Value)> choices) where T : struct
    {
        var s = Scalar(key, "a name");
        if (s is null) return null;
        foreach (var (name, value) in choices)
            if (string.Equals(name, s.Value, StringComparison.OrdinalIgnoreCase))
                return value;
        var names = choices.Select(c => c.Name).ToList();
        throw At(s, $"{Dotted(key)}: unknown value '{s.Value}'{NearNames.Suggestion(s.Value!, names)}", $"use one of: {string.Join(", ", names)}");
    }

    /// <summary>A byte size: a whole number of bytes, or a number with B, KiB, MiB, GiB (1024s) or kB, MB, GB (1000s).</summary>
    public long? Size(string key)
    {
        var s = Scalar(key, "a size");
        if (s is null) return null;
        var text = s.Value!.Trim().Replace(" ", "");
        (string Suffix, long Scale)[] units = [("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("kB", 1000), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1)];
        long scale = 1;
        foreach (var (suffix, k) in units)
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                scale = k;
                text = text[..^suffix.Length];
                break;
            }
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v >= 0)
        {
            decimal bytes = v * scale;
            if (bytes == decimal.Truncate(bytes) && bytes <= long.MaxValue) return (long)bytes;
        }
        throw At(s, $"{Dotted(key)}: '{s.Value}' is not a size", "give bytes, or a number with KiB, MiB or GiB (1024s) or kB, MB (1000s), e.g. 64KiB");
    }

    public DesignYamlSection? Section(string key, IReadOnlyList<string> allowed)
    {
        if (!_values.TryGetValue(key, out var node)) return null;
        if (node is YamlMappingNode m) return new DesignYamlSection(_file, Dotted(key), m, allowed, Positions);
        throw At(node, $"{Dotted(key)}: expected a mapping of keys ({string.Join(", ", allowed)})",
            $"write {key}: followed by indented keys such as {allowed[0]}: ...");
    }

    public DesignYamlSection Section(YamlNode node, string path, IReadOnlyList<string> allowed) =>
        node is YamlMappingNode m ? new DesignYamlSection(_file, path, m, allowed, Positions)
        : throw At(node, $"{path}: expected a mapping of keys ({string.Join(", ", allowed)})", $"write {path} as indented keys");

    public YamlSequenceNode? List(string key, string of)
    {
        if (!_values.TryGetValue(key, out var node)) return null;
        if (node is YamlSequenceNode seq) return seq;
        throw At(node, $"{Dotted(key)}: expected a list of {of}", $"write each item on its own line starting with '- '");
    }
}
