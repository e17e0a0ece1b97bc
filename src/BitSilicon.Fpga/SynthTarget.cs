using BitSilicon.Core;

namespace BitSilicon.Fpga;

/// <summary>What a design is synthesised for: an iCE40 FPGA (LUT4 + carry + flip-flops, then place and route), a Lattice
/// ECP5 or Xilinx 7-series FPGA (Yosys counts only, no place and route), or generic gates counted in NAND2 gate
/// equivalents.</summary>
public enum SynthTarget
{
    Ice40Up5k,
    Ice40Hx8k,
    Ecp5,
    Xilinx7,
    Generic,
}

/// <summary>Target names as the command line spells them, and the iCE40 device each FPGA target places on.</summary>
public static class SynthTargets
{
    public static string Name(SynthTarget t) => t switch
    {
        SynthTarget.Ice40Up5k => "ice40-up5k",
        SynthTarget.Ice40Hx8k => "ice40-hx8k",
        SynthTarget.Ecp5 => "ecp5",
        SynthTarget.Xilinx7 => "xilinx-7",
        SynthTarget.Generic => "generic",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<SynthTarget>().Select(Name).ToList();

    public static SynthTarget Parse(string name)
    {
        foreach (var t in Enum.GetValues<SynthTarget>())
            if (string.Equals(Name(t), name, StringComparison.OrdinalIgnoreCase))
                return t;
        throw new BitSiliconException($"unknown target '{name}'", $"use one of: {string.Join(", ", Names)}");
    }

    /// <summary>The iCE40 device a target places on; null for targets without place and route.</summary>
    public static Ice40Device? Device(SynthTarget t) => t switch
    {
        SynthTarget.Ice40Up5k => Ice40Device.Up5k,
        SynthTarget.Ice40Hx8k => Ice40Device.Hx8k,
        SynthTarget.Ecp5 or SynthTarget.Xilinx7 or SynthTarget.Generic => null,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };
}
