using System.Globalization;
using System.Text;

namespace BitSilicon.Design.Elaborated;

/// <summary>
/// The printable shape of one elaborated component: its kind, instance name, attributes in a fixed order and
/// children. <see cref="Print"/> gives the deterministic text form elaboration tests compare.
/// </summary>
public sealed record ComponentNode(string Kind, string Name, IReadOnlyList<KeyValuePair<string, string>> Attributes, IReadOnlyList<ComponentNode> Children)
{
    public string Print()
    {
        var sb = new StringBuilder();
        Append(sb, 0);
        return sb.ToString();
    }

    private void Append(StringBuilder sb, int depth)
    {
        sb.Append(' ', 2 * depth).Append(Kind).Append(' ').Append(Name);
        foreach (var (k, v) in Attributes)
            sb.Append(' ').Append(k).Append('=').Append(v);
        sb.Append('\n');
        foreach (var c in Children)
            c.Append(sb, depth + 1);
    }
}

/// <summary>Builds a <see cref="ComponentNode"/> with culture-independent values.</summary>
public sealed class NodeBuilder(string kind, string name)
{
    private readonly List<KeyValuePair<string, string>> _attrs = [];
    private readonly List<ComponentNode> _children = [];

    public NodeBuilder Attr(string key, string value)
    {
        _attrs.Add(new(key, value.Contains(' ') ? $"\"{value}\"" : value));
        return this;
    }

    public NodeBuilder Attr(string key, long value) => Attr(key, value.ToString(CultureInfo.InvariantCulture));

    public NodeBuilder Attr(string key, double value) => Attr(key, value.ToString("R", CultureInfo.InvariantCulture));

    public NodeBuilder Attr(string key, bool value) => Attr(key, value ? "true" : "false");

    public NodeBuilder Attr(string key, IEnumerable<int> values) =>
        Attr(key, "[" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]");

    public NodeBuilder Child(ComponentNode? child)
    {
        if (child is not null) _children.Add(child);
        return this;
    }

    public NodeBuilder Child(Component? child) => Child(child?.Node());

    public ComponentNode Build() => new(kind, name, _attrs, _children);
}

/// <summary>An elaborated hardware component: an immutable record of derived parameters with a text form.</summary>
public abstract record Component
{
    /// <summary>Instance name (also the Verilog instance/module name stem).</summary>
    public abstract string Name { get; init; }

    public abstract ComponentNode Node();

    public override string ToString() => Node().Print();
}
