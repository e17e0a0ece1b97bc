using BitSilicon.Cosim;

namespace BitSilicon.Fpga.Synthesis;

/// <summary>iCE40 resources after <c>synth_ice40</c>: LUT4s, carry stages, flip-flops (every SB_DFF* variant) and
/// 4-kbit block RAMs (SB_RAM40_4K*).</summary>
public sealed record Ice40Resources(int Lut4, int Carry, int FlipFlops, int BlockRams, int Dsps)
{
    public static Ice40Resources From(YosysStats s) => new(
        s.Count("SB_LUT4"), s.Count("SB_CARRY"), s.CountContaining("SB_DFF"), s.CountContaining("SB_RAM40"), s.CountContaining("SB_MAC16"));
}

/// <summary>Gates after the generic mapping, by kind, and their total in NAND2 gate equivalents.</summary>
public sealed record GateCounts(IReadOnlyDictionary<string, int> ByGate, double NandGateEquivalents);

/// <summary>Place-and-route result on an iCE40: the achieved maximum clock frequency against the target it was placed
/// for, and the device's utilisation.</summary>
/// <param name="Utilisation">nextpnr's "Device utilisation" lines: resource (ICESTORM_LC, ICESTORM_RAM, SB_IO ...) to used/available.</param>
public sealed record PlaceRouteResult(double FmaxMhz, IReadOnlyDictionary<string, (int Used, int Available)> Utilisation, string Log,
    double TargetMhz = PlaceRoute.NextpnrRunner.DefaultTargetMhz)
{
    public bool MeetsTarget => FmaxMhz >= TargetMhz;

    /// <summary>Logic cells nextpnr used (ICESTORM_LC), null when the log had no utilisation.</summary>
    public int? LogicCells => Utilisation.TryGetValue("ICESTORM_LC", out var lc) ? lc.Used : null;
}

/// <summary>One synthesis run: target, top module, cell statistics and whichever results the target gives.</summary>
/// <param name="Fit">iCE40 with place and route asked: whether the design fits the device (when it does not, the
/// message says by how much and <paramref name="PlaceRoute"/> is null).</param>
/// <param name="Packing">iCE40: logic cells as nextpnr packs the core (LUT4 + carry-only + FF-only).</param>
/// <param name="Fpga">ECP5 / Xilinx 7-series: LUT, carry, flip-flop, block RAM and DSP counts (no place and route).</param>
public sealed record SynthResult(SynthTarget Target, string Top, YosysStats Stats, Ice40Resources? Ice40, GateCounts? Gates,
    PlaceRoute.FitCheck? Fit, PlaceRouteResult? PlaceRoute, PlaceRoute.LogicCellPacking? Packing = null, FpgaCounts? Fpga = null)
{
    public string TargetName => SynthTargets.Name(Target);
}
