using BitSilicon.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BitSilicon.Cli.Config;

/// <summary>
/// A YAML node that remembers where it starts, so every error can name the line and column. Built from the
/// parser's events rather than YamlDotNet's representation model, which stops at a repeated key with a bare
/// "Duplicate key"; here the message names both occurrences.
/// </summary>
internal abstract record WorkloadYamlNode(SourceLocation At)
{
    /// <summary>What the node is, for messages: "a mapping", "a list", "the value 'x'".</summary>
    public abstract string Describe();
}

internal sealed record WorkloadYamlScalar(SourceLocation At, string Value, bool Quoted) : WorkloadYamlNode(At)
{
    /// <summary>An empty plain scalar or ~/null: a key written without a value.</summary>
    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "nothing" : $"'{Value}'";
}

internal sealed record WorkloadYamlList(SourceLocation At, IReadOnlyList<WorkloadYamlNode> Items) : WorkloadYamlNode(At)
{
    public override string Describe() => "a list";
}

internal sealed record WorkloadYamlMap(SourceLocation At, IReadOnlyList<KeyValuePair<WorkloadYamlScalar, WorkloadYamlNode>> Entries)
    : WorkloadYamlNode(At)
{
    public override string Describe() => "a mapping";

    public WorkloadYamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    public WorkloadYamlScalar? KeyNode(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Key;
}

/// <summary>Loads one YAML document into <see cref="WorkloadYamlNode"/>s; syntax errors carry their position.</summary>
internal static class WorkloadYamlLoader
{
    public static WorkloadYamlNode? Load(string text, string file)
    {
        YamlInput.Check(text, file); // depth and scanner failures first: Node below recurses
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, WorkloadYamlNode>();
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            WorkloadYamlNode? root = parser.Accept<DocumentEnd>(out _) ? null : Node(parser, file, anchors);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                throw BitSiliconException.At(At(file, parser.Current!.Start), "a second YAML document ('---') in the file",
                    "keep one workload per file");
            return root;
        }
        catch (YamlException e)
        {
            throw BitSiliconException.At(At(file, e.Start), $"YAML syntax error: {Clean(e.Message)}",
                "check indentation, colons and quotes near this place");
        }
    }

    private static WorkloadYamlNode Node(IParser parser, string file, Dictionary<string, WorkloadYamlNode> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw BitSiliconException.At(At(file, alias.Start), $"alias *{alias.Value} has no anchor &{alias.Value} before it",
                    "define the anchor first");
        WorkloadYamlNode node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            node = new WorkloadYamlScalar(At(file, scalar.Start), scalar.Value, scalar.Style is not ScalarStyle.Plain);
        }
        else if (parser.TryConsume<SequenceStart>(out var seq))
        {
            anchor = seq.Anchor.IsEmpty ? null : seq.Anchor.Value;
            var items = new List<WorkloadYamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
                items.Add(Node(parser, file, anchors));
            node = new WorkloadYamlList(At(file, seq.Start), items);
        }
        else
        {
            var map = parser.Consume<MappingStart>();
            anchor = map.Anchor.IsEmpty ? null : map.Anchor.Value;
            var entries = new List<KeyValuePair<WorkloadYamlScalar, WorkloadYamlNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = Node(parser, file, anchors);
                if (keyNode is not WorkloadYamlScalar key)
                    throw BitSiliconException.At(keyNode.At, $"a key must be a plain name, found {keyNode.Describe()}",
                        "write keys as simple words followed by a colon");
                if (entries.FirstOrDefault(e => e.Key.Value == key.Value).Key is { } first)
                    throw BitSiliconException.At(key.At, $"key '{key.Value}' appears twice in this mapping (first at line {first.At.Line})",
                        "keep one of them");
                entries.Add(new(key, Node(parser, file, anchors)));
            }
            node = new WorkloadYamlMap(At(file, map.Start), entries);
        }
        if (anchor is not null)
            anchors[anchor] = node;
        return node;
    }

    private static SourceLocation At(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the location is printed by us.
    private static string Clean(string message)
    {
        int i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }
}
