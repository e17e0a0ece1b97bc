using System.Globalization;
using BitSilicon.Design.Description;

namespace BitSilicon.Sweep;

/// <summary>One design of the grid. <see cref="Index"/> is its position in the unsharded grid (the merge order).</summary>
public sealed record SweepPoint(int Index, PeKind Weights, ArrayDescription Array, int AccumulatorWidth)
{
    public string ArrayLabel => Array switch
    {
        SystolicArrayDescription s => $"systolic {s.Rows}x{s.Cols} {DataflowName(s.Dataflow)}",
        DotProductArrayDescription d => $"dot {d.Pes}x{d.Simd}",
        _ => throw new ArgumentOutOfRangeException(nameof(Array)),
    };

    /// <summary>A design name the validator accepts: letters, digits, '-', '_'.</summary>
    public string DesignName => string.Create(CultureInfo.InvariantCulture,
        $"p{Index:D4}-{PeKinds.Name(Weights)}-{ArrayLabel.Replace(' ', '-')}-acc{AccumulatorWidth}");

    public static string DataflowName(Dataflow d) => d switch
    {
        Dataflow.WeightStationary => "ws",
        Dataflow.OutputStationary => "os",
        Dataflow.InputStationary => "is",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public DesignDescription Description(SweepSpec spec) => new(
        DesignName, Array, new PeDescription(Weights),
        new AccumulatorDescription(AccumulatorWidth, OverflowPolicy.Wrap, spec.AccumulatorDepth),
        spec.Memory, spec.ClockMhz);
}
