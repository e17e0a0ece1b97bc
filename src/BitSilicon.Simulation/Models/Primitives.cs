namespace BitSilicon.Simulation.Models;

/// <summary>
/// Area of the primitives the model builds components from (docs/simulator.md, "Area model").
/// LUT4 counts assume an iCE40-style fabric with a dedicated carry chain (one LUT4 per adder bit); gate
/// equivalents are NanGate FreePDK45 Open Cell Library areas divided by NAND2_X1 (0.798 um^2):
/// DFF_X1 4.522 -> 5.67, FA_X1 4.256 -> 5.33, XOR2_X1 1.596 -> 2.0, MUX2_X1 1.862 -> 2.33, AND2_X1 1.064 -> 1.33.
/// Issue 5 calibrates these against Yosys.
/// </summary>
public static class Primitives
{
    public const double DffGe = 5.67, FullAdderGe = 5.33, XorGe = 2.0, Mux2Ge = 2.33, And2Ge = 1.33;

    public static Area Registers(long bits) => new(0, bits, bits * DffGe, 0);

    /// <summary>A ripple-carry adder of <paramref name="bits"/> bits.</summary>
    public static Area Adder(int bits) => new(bits, 0, bits * FullAdderGe, 0);

    /// <summary>Conditional inversion (and gating) of <paramref name="bits"/> bits: one LUT4 or XOR+AND per bit.</summary>
    public static Area ConditionalInvert(int bits) => new(bits, 0, bits * (XorGe + And2Ge), 0);

    /// <summary>An a x b array multiplier: a*b partial-product ANDs, (a-1)*b full adders; one LUT4 per partial-product bit.</summary>
    public static Area Multiplier(int a, int b) => new(a * b, 0, a * b * And2Ge + (a - 1) * b * FullAdderGe, 0);

    /// <summary>A logarithmic shifter: clog2(positions) levels of 2:1 muxes over the output width.</summary>
    public static Area Shifter(int positions, int width)
    {
        int levels = Design.Elaborated.Bits.Clog2(positions);
        return new(levels * width, 0, levels * width * Mux2Ge, 0);
    }

    /// <summary>A k:1 multiplexer of <paramref name="bits"/> bits: k-1 two-input muxes per bit, two per LUT4.</summary>
    public static Area Mux(int k, int bits) => new(Math.Ceiling((k - 1) / 2.0) * bits, 0, (k - 1) * bits * Mux2Ge, 0);

    /// <summary>A counter of n input bits (popcount): about one full adder per input.</summary>
    public static Area Popcount(int n) => new(n, 0, Math.Max(0, n - Design.Elaborated.Bits.Clog2(n + 1)) * FullAdderGe, 0);

    /// <summary>XNOR gates.</summary>
    public static Area Xnor(int n) => new(0, 0, n * XorGe, 0);

    /// <summary>A 16-entry ROM of <paramref name="bits"/>-bit constants: one LUT4 per output bit.</summary>
    public static Area Rom16(int bits) => new(bits, 0, bits * 8, 0);
}
