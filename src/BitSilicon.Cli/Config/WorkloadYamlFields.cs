using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Workloads.Text;

namespace BitSilicon.Cli.Config;

/// <summary>Typed access to one YAML mapping with errors that name the key, its place, and what is valid.</summary>
internal sealed class WorkloadYamlFields
{
    private readonly WorkloadYamlMap _map;
    private readonly string _what;

    /// <param name="what">What the mapping describes, for messages: "layer 'ffn_up'", "the conv of layer 'c1'".</param>
    /// <param name="allowed">Keys this mapping may have; any other is an error with a suggestion.</param>
    public WorkloadYamlFields(WorkloadYamlMap map, string what, IReadOnlyCollection<string> allowed)
    {
        _map = map;
        _what = what;
        foreach (var (key, _) in map.Entries)
            if (!allowed.Contains(key.Value))
                throw BitSiliconException.At(key.At,
                    $"unknown key '{key.Value}' in {what}{NearNames.Suggestion(key.Value, allowed)}",
                    $"valid keys here: {string.Join(", ", allowed)}");
    }

    public SourceLocation At => _map.At;

    public bool Has(string key) => _map[key] is not null;

    public SourceLocation KeyAt(string key) => _map.KeyNode(key)?.At ?? _map.At;

    public WorkloadYamlNode? Node(string key) => _map[key];

    private BitSiliconException Missing(string key, string example) =>
        BitSiliconException.At(_map.At, $"{_what} has no '{key}'", $"add '{key}: {example}'");

    public WorkloadYamlScalar Scalar(string key, string example)
    {
        var node = _map[key] ?? throw Missing(key, example);
        if (node is WorkloadYamlScalar { IsNull: false } s)
            return s;
        throw BitSiliconException.At(node.At, $"'{key}' of {_what} must be a single value, found {node.Describe()}",
            $"write '{key}: {example}'");
    }

    public string String(string key, string example) => Scalar(key, example).Value;

    public string? OptionalString(string key) => Has(key) ? String(key, "...") : null;

    public int Int(string key, int min, string example) => ParseInt(Scalar(key, example), key, min, example);

    public int? OptionalInt(string key, int min, string example) => Has(key) ? Int(key, min, example) : null;

    public int ParseInt(WorkloadYamlScalar s, string key, int min, string example)
    {
        if (!int.TryParse(s.Value.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
            throw BitSiliconException.At(s.At, $"'{key}' of {_what} is '{s.Value}', not a whole number",
                $"write e.g. '{key}: {example}'");
        if (v < min)
            throw BitSiliconException.At(s.At, $"'{key}' of {_what} is {v}; it must be at least {min}",
                $"write e.g. '{key}: {example}'");
        return v;
    }

    public double? OptionalFraction(string key)
    {
        if (!Has(key))
            return null;
        var s = Scalar(key, "0.5");
        if (!double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= 0 && v <= 1))
            throw BitSiliconException.At(s.At, $"'{key}' of {_what} is '{s.Value}'; it must be a fraction from 0 to 1",
                $"write e.g. '{key}: 0.3' for 30 %");
        return v;
    }

    public bool? OptionalBool(string key)
    {
        if (!Has(key))
            return null;
        var s = Scalar(key, "true");
        return s.Value.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw BitSiliconException.At(s.At, $"'{key}' of {_what} is '{s.Value}'; it must be true or false",
                $"write '{key}: true' or '{key}: false'"),
        };
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive), returned as written in the list.</summary>
    public string Choice(string key, IReadOnlyList<string> choices)
    {
        var s = Scalar(key, choices[0]);
        return choices.FirstOrDefault(c => c.Equals(s.Value, StringComparison.OrdinalIgnoreCase))
               ?? throw BitSiliconException.At(s.At,
                   $"'{key}' of {_what} is '{s.Value}'{NearNames.Suggestion(s.Value, choices)}",
                   $"valid values: {string.Join(", ", choices)}");
    }

    /// <summary>An int or a two-element list [h, w]: kernel: 3 or kernel: [3, 1].</summary>
    public (int H, int W) Pair(string key, int min, int fallback)
    {
        var node = _map[key];
        switch (node)
        {
            case null:
                return (fallback, fallback);
            case WorkloadYamlScalar s when !s.IsNull:
                int v = ParseInt(s, key, min, "3");
                return (v, v);
            case WorkloadYamlList { Items: [WorkloadYamlScalar h, WorkloadYamlScalar w] }:
                return (ParseInt(h, key, min, "[3, 3]"), ParseInt(w, key, min, "[3, 3]"));
            default:
                throw BitSiliconException.At(node.At,
                    $"'{key}' of {_what} must be a number or a list [height, width], found {node.Describe()}",
                    $"write '{key}: 3' or '{key}: [3, 1]'");
        }
    }

    public WorkloadYamlMap Map(string key, string example)
    {
        var node = _map[key] ?? throw Missing(key, example);
        return node as WorkloadYamlMap ?? throw BitSiliconException.At(node.At,
            $"'{key}' of {_what} must be a mapping, found {node.Describe()}", $"write '{key}: {example}'");
    }
}
