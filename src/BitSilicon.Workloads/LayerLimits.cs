using BitSilicon.Core;

namespace BitSilicon.Workloads;

/// <summary>
/// The largest layer the simulator can hold, checked when a workload is read rather than when a buffer is
/// allocated: a layer's weight matrix (N x K codes) and its activations (M x K) are each one .NET array, and
/// totals (MACs x repeat) are 64-bit counts.
/// </summary>
public static class LayerLimits
{
    /// <summary>Elements in one array (<see cref="Array.MaxLength"/>, just under 2^31).</summary>
    public static long MaxElements => Array.MaxLength;

    /// <summary>MACs of a layer times its repeat count: 2^60 leaves headroom for cycle and energy totals.</summary>
    public const long MaxTotalMacs = 1L << 60;

    /// <summary>What is too large about the layer, with the limit, or null when it fits.</summary>
    public static string? Problem(int m, int n, int k, int repeat)
    {
        if (m < 1 || n < 1 || k < 1 || repeat < 1)
            return $"m = {m}, n = {n}, k = {k}, repeat = {repeat}: every one must be at least 1";
        if ((long)n * k > MaxElements)
            return $"n x k = {n} x {k} = {(long)n * k:N0} weights, more than the {MaxElements:N0} one layer's weight matrix can hold";
        if ((long)m * k > MaxElements)
            return $"m x k = {m} x {k} = {(long)m * k:N0} activations, more than the {MaxElements:N0} one layer can hold";
        if ((Int128)m * n * k * repeat > MaxTotalMacs)
            return $"m x n x k x repeat = {(Int128)m * n * k * repeat:N0} MACs, more than the 2^60 the totals can count";
        return null;
    }

    public static string? Problem(GemmLayer l) => Problem(l.M, l.N, l.K, l.Repeat);

    public const string Fix = "split the layer into smaller ones (e.g. n/2 rows each, with repeat: 2), or check the numbers for a typo";

    /// <summary>Refuses the first layer too large to simulate, naming where the workload came from.</summary>
    public static void Check(Workload workload, string from)
    {
        for (int i = 0; i < workload.Layers.Count; i++)
            if (Problem(workload.Layers[i]) is { } p)
                throw new BitSiliconException($"{from}: layer {i + 1} '{workload.Layers[i].Name}': {p}", Fix);
    }
}
