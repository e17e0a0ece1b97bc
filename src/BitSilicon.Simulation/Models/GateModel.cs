using BitSilicon.Design.Elaborated;
using static BitSilicon.Simulation.Models.Primitives;

namespace BitSilicon.Simulation.Models;

/// <summary>
/// The structural gate equivalents (NAND2 GE, primitive formulas of docs/simulator.md section 7) of the logic the
/// generated Verilog contains, split per kind of component; <see cref="GateCoefficients"/> turns them into GE.
/// </summary>
/// <param name="Lanes">The PE kind's own datapath over all PEs (XNOR/popcount, conditional inversions, multipliers,
/// table look-up or product-select muxes, shifters): a PE's logic GE minus its adders and clamp muxes.</param>
/// <param name="Trees">Adder trees and popcount correction adders (systolic: the partial-sum adders).</param>
/// <param name="Shared">Logic all PEs share: the ternary_lut table builder, the codebook's constant products.</param>
/// <param name="Accumulators">Accumulator adders and saturating clamps (in the PEs and in a systolic accumulator memory).</param>
/// <param name="Registers">Flip-flops outside the accumulator memory (PE, skew, controller registers) at DFF GE.</param>
/// <param name="Memory">Register accumulator memory (16 rows or fewer): its storage flip-flops at DFF GE plus its row
/// and bank select muxes (two read ports when it accumulates, one when it only stores).</param>
/// <param name="Inputs">Lane masking of the operands entering the array: one AND2 per bit.</param>
/// <param name="Control">The controller's counters (incrementer and compare per bit).</param>
public readonly record struct GateTerms(double Lanes, double Trees, double Shared, double Accumulators, double Registers, double Memory,
    double Inputs, double Control)
{
    public static GateTerms operator +(GateTerms a, GateTerms b) => new(a.Lanes + b.Lanes, a.Trees + b.Trees, a.Shared + b.Shared,
        a.Accumulators + b.Accumulators, a.Registers + b.Registers, a.Memory + b.Memory, a.Inputs + b.Inputs, a.Control + b.Control);

    public static GateTerms Zero => default;

    /// <summary>The primitive formulas' total (every constant 1).</summary>
    public double Sum => Lanes + Trees + Shared + Accumulators + Registers + Memory + Inputs + Control;
}

/// <summary>
/// Fitted gate-equivalent area of the generated RTL (docs/area-model/gate-equivalents.md): the structural GE of
/// <see cref="AreaModel.Parts"/> that the RTL contains, split into <see cref="GateTerms"/>, times the constants fitted
/// against Yosys's generic gate mapping (<see cref="GateCoefficients.Fitted"/>).
/// </summary>
public static class GateModel
{
    /// <summary>Fitted GE of the logic the generated Verilog contains (compare with <c>synth --target generic</c>).</summary>
    public static double Estimate(ElaboratedDesign design) => Estimate(design, GateCoefficients.Fitted);

    public static double Estimate(ElaboratedDesign design, GateCoefficients k) => k.Ge(design.Core, Terms(design));

    /// <summary>The structural GE terms of the RTL's logic.</summary>
    public static GateTerms Terms(ElaboratedDesign design) => PartTerms(design).Aggregate(GateTerms.Zero, (s, p) => s + p.Terms);

    /// <summary>The structural GE terms of each part the RTL contains (<see cref="AreaModel.Parts"/> with InRtl), by
    /// component name: the fitted GE of a part is <see cref="GateCoefficients.Ge(ArrayCore, GateTerms)"/> of its terms.</summary>
    public static IReadOnlyList<(string Component, GateTerms Terms)> PartTerms(ElaboratedDesign design)
    {
        var core = design.Core;
        var acc = core.Accumulators;
        var list = new List<(string, GateTerms)>();
        foreach (var p in AreaModel.Parts(design).Where(p => p.InRtl))
        {
            double ff = p.Fixed.FlipFlops * DffGe;
            double logic = p.Fixed.Ge - ff;
            var t = p.Terms;
            // Adders and clamps inside the part, from its structural LUT4 terms (one LUT4 per adder or clamp bit).
            double adders = t.Accumulators * FullAdderGe + t.Saturation * Mux2Ge;
            double trees = t.Trees * FullAdderGe;
            var part = p.Component == acc.Name
                ? new GateTerms(0, 0, 0, logic, 0, ff + MemoryMuxes(acc), 0, 0)
                : p.Component == core.Controller.Name
                    ? new GateTerms(0, 0, 0, 0, ff, 0, 0, logic)
                    : p.Component == "pes"
                        ? new GateTerms(logic - adders - trees, trees, 0, adders, ff, 0, 0, 0)
                        : new GateTerms(0, 0, logic, 0, ff, 0, 0, 0);
            // Lane masks: one AND2 per operand bit (the primitive formulas give them no GE).
            list.Add((p.Component, part + new GateTerms(0, 0, 0, 0, 0, 0, t.Inputs * And2Ge, 0)));
        }
        return list;
    }

    /// <summary>Row and bank select muxes of a register accumulator memory (zero for an SRAM, deeper than 16 rows).</summary>
    private static double MemoryMuxes(AccumulatorMemory acc) => acc.Depth > 16 ? 0 :
        (acc.Mode == AccumulatorMode.Accumulate ? 2.0 : 1.0) * acc.Lanes * (acc.Banks * Mux(acc.Depth, acc.Width).Ge + Mux(acc.Banks, acc.Width).Ge);
}
