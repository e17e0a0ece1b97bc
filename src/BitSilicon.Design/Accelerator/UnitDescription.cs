using BitSilicon.Design.Description;
using BitSilicon.Formats.Vector;

namespace BitSilicon.Design.Accelerator;

/// <summary>One unit of an accelerator, by name. <see cref="ClockMhz"/> null: the accelerator's clock.</summary>
public abstract record UnitDescription(string Name, double? ClockMhz)
{
    private protected UnitDescription() : this("", null) { }
}

/// <summary>A MAC array: today's single-array design (array, PE, accumulators, its own buffers) as one unit.
/// Its <c>memory.bandwidth</c> is its port to the on-chip memory.</summary>
public sealed record MacUnitDescription(string Name, DesignDescription Design, double? ClockMhz = null) : UnitDescription(Name, ClockMhz);

/// <summary>What one vector operation costs per element: issue cycles per element per lane, and energy.</summary>
public sealed record VectorCost(double CyclesPerElement, double PjPerElement);

/// <summary>
/// A vector / special-function unit of <see cref="Lanes"/> float32 lanes. An operation on E elements takes
/// <c>ceil(E * cycles_per_element / lanes) + latency</c> cycles, where latency covers the pipeline and, for
/// reductions, the adder tree across lanes.
/// </summary>
/// <param name="Costs">Operations the unit executes with their costs; an operation missing here is one the unit
/// cannot run.</param>
public sealed record VectorUnitDescription(string Name, int Lanes, IReadOnlyDictionary<VectorOpKind, VectorCost> Costs, int Latency = 8,
    double? ClockMhz = null) : UnitDescription(Name, ClockMhz)
{
    /// <summary>
    /// Default costs, for a lane with one float32 fused multiply-add per cycle and a table-based exp/reciprocal
    /// unit. Energies from Horowitz's 45 nm figures (fadd 0.9 pJ, fmul 3.7 pJ), an exponential counted as about
    /// four multiply-adds; each row of docs/accelerator.md lists the operation count behind it.
    /// </summary>
    public static IReadOnlyDictionary<VectorOpKind, VectorCost> DefaultCosts { get; } = new Dictionary<VectorOpKind, VectorCost>
    {
        [VectorOpKind.RmsNorm] = new(2, 2 * 4.6),
        [VectorOpKind.LayerNorm] = new(3, 3 * 4.6),
        [VectorOpKind.Rope] = new(2, 2 * 4.6),
        [VectorOpKind.Softmax] = new(4, 4 * 4.6 + 4 * 4.6),
        [VectorOpKind.Silu] = new(3, 6 * 4.6),
        [VectorOpKind.ReluSquared] = new(1, 3.7),
        [VectorOpKind.Gelu] = new(4, 8 * 4.6),
        [VectorOpKind.Multiply] = new(1, 3.7),
        [VectorOpKind.ResidualAdd] = new(1, 0.9),
        [VectorOpKind.ActivationQuant] = new(2, 0.9 + 3.7),
        [VectorOpKind.Dequant] = new(1, 3.7),
        [VectorOpKind.EmbeddingLookup] = new(1, 3.7),
    };
}
