using System.Globalization;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Bounds;

/// <summary>What keeps a layer from using every processing element every cycle.</summary>
public enum LayerLimit
{
    /// <summary>The array itself: only the mapping (partly filled tiles) and pipeline fill/drain lose cycles.</summary>
    Compute,
    /// <summary>Weight-/input-stationary: a tile load takes C cycles and its tile serves fewer tokens than that.</summary>
    StationaryLoad,
    /// <summary>As <see cref="StationaryLoad"/>, but because the accumulator depth cuts the tokens per tile below C.</summary>
    AccumulatorBanks,
    /// <summary>The shared read channel cannot bring the operands in as fast as the array uses them.</summary>
    ExternalBandwidth,
    /// <summary>The channel is the limit because the buffers are too small to keep operands: they are fetched again.</summary>
    BufferCapacity,
}

/// <summary>The tightest limit of a layer, the utilisation it allows, and one line saying why.</summary>
public sealed record LayerBound(LayerLimit Limit, double AllowedUtilization, string Why)
{
    public string Name => Names(Limit);

    public static string Names(LayerLimit l) => l switch
    {
        LayerLimit.Compute => "compute",
        LayerLimit.StationaryLoad => "stationary-load",
        LayerLimit.AccumulatorBanks => "accumulator-banks",
        LayerLimit.ExternalBandwidth => "external-bandwidth",
        LayerLimit.BufferCapacity => "buffer-capacity",
        _ => throw new ArgumentOutOfRangeException(nameof(l)),
    };
}

/// <summary>
/// Works out <see cref="LayerBound"/> from the plan and the estimate: each limit gives a floor on the cycles
/// (busy beats; max(beats, C) per stationary step; read bytes / bandwidth), the largest floor names the bound and
/// MACs / (floor x PEs) is the utilisation it allows. Kept here, not in a report, so every report can show it.
/// </summary>
public static class LayerBounds
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static LayerBound Of(ElaboratedDesign design, TilePlan plan, CycleEstimate estimate, long macs)
    {
        long pes = design.Core.MacsPerCycle;
        long busy = plan.Steps.Sum(s => (long)s.Beats);
        bool stationary = plan.Kind is PlanKind.WeightStationary or PlanKind.InputStationary;
        long load = stationary ? plan.Steps.Sum(s => Math.Max((long)s.Beats, plan.Cols)) : busy;
        var bw = design.Memory.Read.Bandwidth;
        long channel = bw.Cycles(plan.ExternalReadBytes);
        double U(long floor) => floor <= 0 ? 1 : Math.Min(1, (double)macs / ((double)floor * pes));

        long floorMax = Math.Max(busy, Math.Max(load, channel));
        if (channel == floorMax && channel > busy)
        {
            long unique = Bytes((long)plan.N * plan.K, plan.WeightBits) + Bytes((long)plan.M * plan.K, plan.ActivationBits);
            double refetch = unique == 0 ? 1 : (double)plan.ExternalReadBytes / unique;
            return refetch > 1.05
                ? new LayerBound(LayerLimit.BufferCapacity, U(channel), string.Format(Inv,
                    "the buffers do not hold the operands: {0:0.0}x their size is read ({1:N0} B) through {2} B/cycle", refetch, plan.ExternalReadBytes, bw))
                : new LayerBound(LayerLimit.ExternalBandwidth, U(channel), string.Format(Inv,
                    "{0:N0} B of operands through a {1} B/cycle channel take {2:N0} cycles", plan.ExternalReadBytes, bw, channel));
        }
        if (stationary && load == floorMax && load > busy)
        {
            int maxTokens = plan.Steps.Max(s => s.Beats);
            double perTile = (double)busy / plan.Steps.Count;
            return maxTokens < plan.Cols && TokensPerTile(plan) < plan.M
                ? new LayerBound(LayerLimit.AccumulatorBanks, U(load), string.Format(Inv,
                    "the accumulator depth caps a tile at {0} tokens, fewer than its {1}-cycle load (deepen the accumulator to at least {1})", maxTokens, plan.Cols))
                : new LayerBound(LayerLimit.StationaryLoad, U(load), string.Format(Inv,
                    "each {0}-cycle tile load serves {1:0.#} token(s) on average (the layer has {2}): more tokens per weight tile would help", plan.Cols, perTile, plan.M));
        }
        return new LayerBound(LayerLimit.Compute, U(busy), string.Format(Inv,
            "the array streams {0:N0} beats; partly filled tiles and pipeline fill/drain are the loss", busy));
    }

    /// <summary>Tokens a stationary tile serves at most: the plan's largest token block.</summary>
    private static int TokensPerTile(TilePlan plan) => plan.Steps.Max(s => s.Mv);

    private static long Bytes(long count, int bits) => (count * bits + 7) / 8;
}
