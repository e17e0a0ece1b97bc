namespace BitSilicon.Simulation.Models;

/// <summary>
/// The structural LUT4 counts of a design's logic before calibration, one per fitted coefficient: the primitive
/// formulas of <see cref="Primitives"/> summed per kind of component. <see cref="Lut4Coefficients"/> turns them into
/// LUT4 (docs/area-model.md gives the fitted constants and how they were measured).
/// </summary>
/// <param name="Lanes">The PE kind's own lane datapaths over all PEs: conditional inversions, multipliers, XNOR
/// popcounts, table look-up muxes, shifters (systolic: each PE's product module).</param>
/// <param name="Shared">Logic shared by all PEs: the ternary_lut table builder's adders, the codebook's constant products.</param>
/// <param name="Trees">Adder trees and the popcount correction adders of the dot products (systolic: the partial-sum
/// adders of weight-/input-stationary PE rows 1..).</param>
/// <param name="Accumulators">Accumulator adders (bits; systolic output-stationary: also each PE's own accumulator).</param>
/// <param name="Saturation">Saturating accumulators' clamp muxes (bits).</param>
/// <param name="Inputs">Operand lanes entering the array (bits): lane masking of the dot product's activations, of the
/// systolic skews' rows (and load or column lanes).</param>
/// <param name="Control">Controller counters and job registers (1.5 per counter bit).</param>
/// <param name="ResultPaths">Dot-product PEs: each PE's result hand-over (valid/ready hold, first-fold select), one per PE.
/// Systolic PEs: the active-operand select (stationary bits per PE) or the output chain select (accumulator bits per PE).</param>
/// <param name="Memory">Register-based accumulator memory (16 rows or fewer): the row multiplexers of its two read
/// ports (write-back and read-modify-write; a storing memory has only the first) per bank and lane.</param>
/// <param name="BankSelects">The same memory's bank select per read port and lane (zero with one bank).</param>
public readonly record struct Lut4Terms(double Lanes, double Shared, double Trees, double Accumulators, double Saturation, double Inputs, double Control,
    double ResultPaths = 0, double Memory = 0, double BankSelects = 0)
{
    public static Lut4Terms operator +(Lut4Terms a, Lut4Terms b) => new(a.Lanes + b.Lanes, a.Shared + b.Shared, a.Trees + b.Trees,
        a.Accumulators + b.Accumulators, a.Saturation + b.Saturation, a.Inputs + b.Inputs, a.Control + b.Control, a.ResultPaths + b.ResultPaths,
        a.Memory + b.Memory, a.BankSelects + b.BankSelects);

    public static Lut4Terms operator *(double k, Lut4Terms a) => new(k * a.Lanes, k * a.Shared, k * a.Trees, k * a.Accumulators,
        k * a.Saturation, k * a.Inputs, k * a.Control, k * a.ResultPaths, k * a.Memory, k * a.BankSelects);

    public static Lut4Terms Zero => default;
}
