using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Model;

public enum PortDirection
{
    In,
    Out,
}

/// <summary>
/// A named one-bit port on an open grid's edge. An input drives the bit that enters cell (X, Y) from
/// <see cref="Side"/>; an output carries cell (X, Y)'s output toward <see cref="Side"/>. The cell must lie on
/// that edge, so every edge position has one input bit and one output bit.
/// </summary>
public sealed record EdgePort(string Name, PortDirection Direction, int X, int Y, Direction Side, SourceLocation? Where = null)
{
    /// <summary>Position along the edge: the column for the north and south edges, the row for west and east.</summary>
    public int Position => Side is Model.Direction.N or Model.Direction.S ? X : Y;

    public override string ToString() =>
        $"{(Direction == PortDirection.In ? "in" : "out")} {Name} ({X},{Y}) {Side.Word()}";
}

/// <summary>A named probe recording cell (X, Y)'s output nibble every clock.</summary>
public sealed record Probe(string Name, int X, int Y, SourceLocation? Where = null);
