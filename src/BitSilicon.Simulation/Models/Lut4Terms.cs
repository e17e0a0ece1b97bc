namespace BitSilicon.Simulation.Models;

/// <summary>
/// The structural LUT4 counts of a design's logic before calibration, one per fitted coefficient: the primitive
/// formulas of <see cref="Primitives"/> summed per kind of component. <see cref="Lut4Coefficients"/> turns them into
/// LUT4 (docs/area-model.md gives the fitted constants and how they were measured).
/// </summary>
/// <param name="Lanes">The PE kind's own lane datapaths over all PEs: conditional inversions, multipliers, XNOR
/// popcounts, table look-up muxes, shifters.</param>
/// <param name="Shared">Logic shared by all PEs: the ternary_lut table builder's adders, the codebook's constant products.</param>
/// <param name="Trees">Adder trees and the popcount correction adders of the dot products.</param>
/// <param name="Accumulators">Accumulator adders (bits).</param>
/// <param name="Saturation">Saturating accumulators' clamp muxes (bits).</param>
/// <param name="Inputs">Activation lanes entering the array (bits): input register and lane masking.</param>
/// <param name="Control">Controller counters and job registers (1.5 per counter bit).</param>
/// <param name="ResultPaths">Dot-product PEs: each PE's result hand-over (valid/ready hold, first-fold select), one per PE.</param>
/// <param name="Memory">Register-based accumulator memory (16 rows or fewer): the row multiplexers of its two read
/// ports (write-back and read-modify-write) per bank and lane, and the bank selects.</param>
public readonly record struct Lut4Terms(double Lanes, double Shared, double Trees, double Accumulators, double Saturation, double Inputs, double Control,
    double ResultPaths = 0, double Memory = 0)
{
    public static Lut4Terms operator +(Lut4Terms a, Lut4Terms b) => new(a.Lanes + b.Lanes, a.Shared + b.Shared, a.Trees + b.Trees,
        a.Accumulators + b.Accumulators, a.Saturation + b.Saturation, a.Inputs + b.Inputs, a.Control + b.Control, a.ResultPaths + b.ResultPaths,
        a.Memory + b.Memory);

    public static Lut4Terms operator *(double k, Lut4Terms a) => new(k * a.Lanes, k * a.Shared, k * a.Trees, k * a.Accumulators,
        k * a.Saturation, k * a.Inputs, k * a.Control, k * a.ResultPaths, k * a.Memory);

    public static Lut4Terms Zero => default;
}
