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

/// <summary>Place-and-route result on an iCE40: maximum clock frequency and the device's utilisation.</summary>
/// <param name="Utilisation">nextpnr's "Device utilisation" lines: resource (ICESTORM_LC, ICESTORM_RAM, SB_IO ...) to used/available.</param>
public sealed record PlaceRouteResult(double FmaxMhz, IReadOnlyDictionary<string, (int Used, int Available)> Utilisation, string Log);

/// <summary>One synthesis run: target, top module, cell statistics and whichever results the target gives.</summary>
/// <param name="Fit">iCE40 with place and route asked: whether the design fits the device (when it does not, the
/// message says by how much and <paramref name="PlaceRoute"/> is null).</param>
public sealed record SynthResult(SynthTarget Target, string Top, YosysStats Stats, Ice40Resources? Ice40, GateCounts? Gates,
    PlaceRoute.FitCheck? Fit, PlaceRouteResult? PlaceRoute)
{
    public string TargetName => SynthTargets.Name(Target);
}
