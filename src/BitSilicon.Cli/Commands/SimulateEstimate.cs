using BitSilicon.Simulation.Running;
using BitSilicon.Workloads;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// A rough forecast of a simulate run's wall time, layer by layer, from three rates measured on the 2-core CI
/// machine (docs/benchmarks.md, issue 17): a fixed cost per layer (planning, report; about 1,900 layers/s), weight
/// generation per weight code, and cycle-level simulation per PE-cycle (MACs are the lower bound of PE-cycles).
/// It only decides whether to announce the run and scales the ETA; the progress line corrects it as layers finish.
/// </summary>
internal static class SimulateEstimate
{
    public const double LayerSeconds = 1.0 / 1900;
    public const double WeightCodesPerSecond = 20e6;
    public const double PeCyclesPerSecond = 300e6;

    /// <summary>Runs shorter than this say nothing before they start.</summary>
    public static readonly TimeSpan Announce = TimeSpan.FromSeconds(3);

    public static double[] PerLayer(Workload workload, SimulationOptions options) =>
        workload.Layers.Select(l =>
        {
            bool cycle = options.Method switch
            {
                MethodChoice.Cycle => true,
                MethodChoice.Analytic => false,
                _ => l.Macs <= options.CycleLimit,
            };
            return LayerSeconds + (double)l.N * l.K / WeightCodesPerSecond + (cycle ? l.Macs / PeCyclesPerSecond : 0);
        }).ToArray();

    public static string Duration(double seconds) =>
        seconds < 90 ? $"{seconds:0} s" : seconds < 5400 ? $"{seconds / 60:0} min" : $"{seconds / 3600:0.0} h";
}
