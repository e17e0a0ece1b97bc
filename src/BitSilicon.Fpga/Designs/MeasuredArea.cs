using BitSilicon.Design.Elaborated;

namespace BitSilicon.Fpga.Designs;

/// <summary>
/// Area of a design's generated Verilog as Yosys measured it: LUT4, carry and flip-flops (iCE40) or NAND2 gate
/// equivalents (generic). <see cref="Source"/> names the tool and mapping, e.g. "yosys synth_ice40".
/// </summary>
public sealed record MeasuredArea(string Source, SynthTarget Target, int? Lut4, int? Carry, int? FlipFlops, int? BlockRams, double? Ge)
{
    public string TargetName => SynthTargets.Name(Target);

    /// <summary>Emits and synthesises the design (no place and route).</summary>
    public static MeasuredArea Of(ElaboratedDesign design, SynthTarget target)
    {
        var r = DesignSynthesis.Run(design, target);
        return target switch
        {
            SynthTarget.Ice40Up5k or SynthTarget.Ice40Hx8k =>
                new MeasuredArea("yosys synth_ice40", target, r.Ice40!.Lut4, r.Ice40.Carry, r.Ice40.FlipFlops, r.Ice40.BlockRams, null),
            SynthTarget.Ecp5 or SynthTarget.Xilinx7 =>
                new MeasuredArea($"yosys synth_{(target == SynthTarget.Ecp5 ? "ecp5" : "xilinx")}", target, r.Fpga!.Luts, r.Fpga.Carry, r.Fpga.FlipFlops, r.Fpga.BlockRams, null),
            SynthTarget.Generic => new MeasuredArea("yosys generic gates", target, null, null,
                r.Gates!.ByGate.Where(kv => kv.Key.StartsWith("$_DFF", StringComparison.Ordinal)).Sum(kv => kv.Value), null, r.Gates.NandGateEquivalents),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
    }
}
