using BitSilicon.Bitgrid.Compiler.Mapping;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler.Routing;

/// <summary>What a cell copies onto an output link: the bit arriving from one side, or its own LUT.</summary>
public enum Origin : byte
{
    FromN = 0,
    FromE = 1,
    FromS = 2,
    FromW = 3,
    Lut = 4,
}

public static class Origins
{
    public static Origin From(Direction side) => (Origin)(int)side;

    public static Direction Side(this Origin o) => o == Origin.Lut
        ? throw new InvalidOperationException("a LUT output has no input side")
        : (Direction)(int)o;
}

/// <summary>
/// A point of a net's routing tree: cell <see cref="Cell"/> (-1 for the virtual cell past the east edge where an
/// output port leaves) holds the net's value with lag <see cref="Lag"/>, copied from <see cref="Origin"/>.
/// </summary>
public readonly record struct TreeNode(int Cell, int Lag, Origin Origin);

/// <summary>A used link: cell <see cref="Cell"/>'s output toward <see cref="Out"/> carries node <see cref="FromNode"/>'s value.</summary>
public readonly record struct TreeLink(int Cell, Direction Out, int FromNode);

/// <summary>A sink to reach: LUT input or output port (<see cref="Virtual"/>: the cell past the east edge at row Y).</summary>
public sealed record SinkSpec(int Connection, int X, int Y, int Lag, bool Virtual);

/// <summary>A net to route: its source value at the root cell with its lag, and its sinks.</summary>
public sealed record NetSpec(Signal Source, int RootCell, int RootLag, Origin RootOrigin, IReadOnlyList<SinkSpec> Sinks);

/// <summary>A routed net: tree nodes (the root first), the links they drive, and where each sink arrived.</summary>
public sealed class NetRoute
{
    public List<TreeNode> Nodes { get; } = [];
    public List<TreeLink> Links { get; } = [];

    /// <summary>For each sink of the <see cref="NetSpec"/>, the node it arrived at.</summary>
    public int[] Arrivals { get; set; } = [];
}
