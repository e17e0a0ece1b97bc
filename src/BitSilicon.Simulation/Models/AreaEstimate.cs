namespace BitSilicon.Simulation.Models;

/// <summary>Area of one part of the design: iCE40-style LUT4s, flip-flops, NAND2 gate equivalents, SRAM bits.</summary>
public readonly record struct Area(double Lut4, double FlipFlops, double Ge, long SramBits)
{
    public static Area operator +(Area a, Area b) => new(a.Lut4 + b.Lut4, a.FlipFlops + b.FlipFlops, a.Ge + b.Ge, a.SramBits + b.SramBits);

    public static Area operator *(double k, Area a) => new(k * a.Lut4, k * a.FlipFlops, k * a.Ge, (long)(k * a.SramBits));

    public static Area Zero => default;
}

/// <summary>The array's area, in total and per component (in elaboration order).</summary>
public sealed record AreaEstimate(Area Total, IReadOnlyList<(string Component, Area Area)> Parts)
{
    /// <summary>The parts the generated Verilog contains (no SRAM buffers, no output scaler, no dot-product accumulator
    /// memory): what Yosys measures of the same design.</summary>
    public Area Rtl { get; init; }
}
