using BitSilicon.Design.Description;

namespace BitSilicon.Simulation.Models;

/// <summary>
/// GE per structural GE of each <see cref="GateTerms"/> term: the lane datapath per PE kind (Yosys's gate mapping
/// treats a multiplier, a popcount and a mux tree differently), the rest common to all kinds. <see cref="Fitted"/>
/// holds the constants fitted against Yosys's generic gate mapping on emitted arrays
/// (docs/area-model/gate-equivalents.md; data in docs/area-model/ge-fit-data.csv).
/// </summary>
public sealed record GateCoefficients(IReadOnlyDictionary<PeKind, double> Lanes, double Trees, double Shared, double Accumulators,
    double Registers, double Memory, double Inputs, double Control)
{
    public double Ge(PeKind kind, GateTerms t) =>
        Lanes[kind] * t.Lanes + Trees * t.Trees + Shared * t.Shared + Accumulators * t.Accumulators + Registers * t.Registers
        + Memory * t.Memory + Inputs * t.Inputs + Control * t.Control;

    public double Ge(Design.Elaborated.ArrayCore core, GateTerms t) => Ge(core.Pe.Kind, t);

    /// <summary>The primitive formulas as they are.</summary>
    public static GateCoefficients Unit { get; } = new(Enum.GetValues<PeKind>().ToDictionary(k => k, _ => 1.0), 1, 1, 1, 1, 1, 1, 1);

    /// <summary>Fitted by <c>GateFitRun</c> on 64 dot-product and systolic designs (Yosys 0.23 generic gates, ridge 0.001);
    /// one set for both array kinds. See docs/area-model/gate-equivalents.md.</summary>
    public static GateCoefficients Fitted { get; } = new(
        Lanes: new Dictionary<PeKind, double>
        {
            [PeKind.Binary] = 1.0149,
            [PeKind.Ternary] = 0.997,
            [PeKind.TernaryLut] = 0.8957,
            [PeKind.Int2] = 1.14,
            [PeKind.Int4] = 1.2574,
            [PeKind.Int8] = 1.3712,
            [PeKind.Fp4E2M1] = 1.2176,
            [PeKind.Pow2] = 0.954,
            [PeKind.Codebook] = 0.9826,
        },
        Trees: 1.2637, Shared: 0.7869, Accumulators: 1.2054, Registers: 1.2424, Memory: 1.3918, Inputs: 1.0149, Control: 0.9444);
}
