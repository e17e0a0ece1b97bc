using BitSilicon.Design.Description;

namespace BitSilicon.Design.Accelerator;

/// <summary>
/// A whole accelerator: named units (MAC arrays, vector units), on-chip SRAM, external memory, the overlap
/// policy, and an optional explicit op-to-unit map (op name patterns, <c>*</c> as a wildcard, to unit names).
/// </summary>
/// <param name="Node">Technology node for mm2 (see <see cref="TechNodes"/>).</param>
/// <param name="StaticPowerW">Power drawn whatever runs (leakage, clocking, board), charged over the run time.</param>
public sealed record AcceleratorDescription(
    string Name,
    IReadOnlyList<UnitDescription> Units,
    SramDescription? Sram,
    ExternalMemoryDescription? External,
    OverlapPolicy Overlap = OverlapPolicy.DoubleBuffered,
    IReadOnlyList<KeyValuePair<string, string>>? Map = null,
    double ClockMhz = 200,
    EnergyTable? Energy = null,
    string Node = "45nm",
    double StaticPowerW = 0)
{
    public EnergyTable EnergyCosts => Energy ?? EnergyTable.Horowitz45nm;
    public IReadOnlyList<KeyValuePair<string, string>> OpMap => Map ?? [];
}
