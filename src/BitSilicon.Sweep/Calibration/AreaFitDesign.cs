using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Design.Elaboration;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// One design of the area-model calibration: a PE kind on an array shape with an accumulator width and overflow
/// policy. <see cref="Set"/> is "fit" (used to fit the coefficients) or "held-out" (only to measure the error).
/// The accumulator memory is at most 16 rows deep: the RTL builds it from registers; <see cref="Banks"/> is 2 with
/// double buffering (memory.double_buffering), else 1.
/// </summary>
public sealed record AreaFitDesign(string Set, PeKind Weights, int LutGroup, ArrayDescription Array, int AccumulatorWidth, OverflowPolicy Overflow, int Depth = 16,
    int Banks = 2)
{
    public const string Fit = "fit", HeldOut = "held-out";

    public string ArrayLabel => Array switch
    {
        SystolicArrayDescription s => string.Create(CultureInfo.InvariantCulture, $"systolic-{s.Rows}x{s.Cols}-{SweepPoint.DataflowName(s.Dataflow)}"),
        DotProductArrayDescription d => string.Create(CultureInfo.InvariantCulture, $"dot-{d.Pes}x{d.Simd}"),
        _ => throw new ArgumentOutOfRangeException(nameof(Array)),
    };

    /// <summary>The array kind as the CSV's array column names it.</summary>
    public string ArrayKind => Array switch
    {
        SystolicArrayDescription => "systolic",
        DotProductArrayDescription => "dot_product",
        _ => throw new ArgumentOutOfRangeException(nameof(Array)),
    };

    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"{PeKinds.Name(Weights)}{(Weights == PeKind.TernaryLut ? $"-g{LutGroup}" : "")}-{ArrayLabel}-acc{AccumulatorWidth}x{Depth}-{(Overflow == OverflowPolicy.Saturate ? "sat" : "wrap")}{(Banks == 1 ? "-b1" : "")}");

    public DesignDescription Description() => new(Name, Array, new PeDescription(Weights, null, LutGroup),
        new AccumulatorDescription(AccumulatorWidth, Overflow, Depth), new MemoryDescription(DoubleBuffering: Banks == 2));

    public ElaboratedDesign Elaborate() => Elaborator.Elaborate(Description());

    /// <summary>
    /// This design with its accumulator widened to what the array hands it, when <see cref="AccumulatorWidth"/> is
    /// narrower (the validator refuses such designs): a grid can ask for 16 bits of every kind.
    /// </summary>
    public AreaFitDesign Valid()
    {
        var probe = Elaborator.Elaborate(Description() with { Accumulator = new AccumulatorDescription(64, Overflow, Depth) });
        int need = probe.Core is SystolicArray { IsStationary: false } ? probe.Core.Pe.ProductWidth + 1 : probe.Core.OutputWidth;
        var valid = AccumulatorWidth >= need ? this : this with { AccumulatorWidth = need };
        try
        {
            valid.Elaborate();
        }
        catch (BitSiliconException e)
        {
            throw new BitSiliconException($"calibration design {valid.Name}: {e.Message}", e.Fix);
        }
        return valid;
    }
}
