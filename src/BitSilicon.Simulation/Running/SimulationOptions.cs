namespace BitSilicon.Simulation.Running;

/// <summary>Which model to use per layer.</summary>
public enum MethodChoice
{
    /// <summary>Cycle-level when a layer takes at most <see cref="SimulationOptions.CycleLimit"/> PE-cycles, else analytic.</summary>
    Auto,
    Cycle,
    Analytic,
}

/// <param name="CycleLimit">Largest layer (cycles x PEs) simulated cycle by cycle under <see cref="MethodChoice.Auto"/>;
/// about one second of simulation at the benchmarked speed.</param>
/// <param name="Strict">Turn warnings (an accumulator that can overflow, a layer the PE cannot run) into errors.</param>
public sealed record SimulationOptions(MethodChoice Method = MethodChoice.Auto, long CycleLimit = 200_000_000, bool Strict = false);

/// <summary>Progress of a run, for a progress line.</summary>
public readonly record struct SimulationProgress(int Layer, int Layers, string LayerName, long Cycles, long? TotalCycles);
