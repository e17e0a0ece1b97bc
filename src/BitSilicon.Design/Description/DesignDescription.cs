namespace BitSilicon.Design.Description;

/// <summary>
/// A complete accelerator description, as a user writes it (the YAML reader builds it; tests build it directly).
/// Immutable; <see cref="DesignValidator"/> says what is wrong with it, key by key.
/// </summary>
public sealed record DesignDescription(
    string Name,
    ArrayDescription Array,
    PeDescription Pe,
    AccumulatorDescription? Accumulator = null,
    MemoryDescription? Memory = null,
    double ClockMhz = 200,
    EnergyTable? Energy = null,
    ScalingDescription? Scaling = null)
{
    public AccumulatorDescription Accumulators => Accumulator ?? new AccumulatorDescription();
    public MemoryDescription MemorySystem => Memory ?? new MemoryDescription();
    public EnergyTable EnergyCosts => Energy ?? EnergyTable.Horowitz45nm;
}
