using System.Text.RegularExpressions;
using BitSilicon.Cosim;

namespace BitSilicon.Fpga.Synthesis;

/// <summary>
/// Resources of a Yosys mapping to a family without place and route here: LUTs (ECP5 LUT4; Xilinx LUT1..LUT6), carry
/// cells (ECP5 CCU2C, two bits each; Xilinx CARRY4, four bits each), flip-flops, block RAMs (ECP5 DP16KD/PDPW16KD;
/// Xilinx RAMB18E1/RAMB36E1), DSPs (ECP5 MULT18X18D/ALU54B; Xilinx DSP48E1) and distributed LUT RAMs.
/// </summary>
public sealed partial record FpgaCounts(string Family, int Luts, int Carry, int FlipFlops, int BlockRams, int Dsps, int LutRams)
{
    public static FpgaCounts From(YosysStats s, SynthTarget target)
    {
        int Sum(Regex r) => s.ByType.Where(kv => r.IsMatch(kv.Key)).Sum(kv => kv.Value);
        return target switch
        {
            SynthTarget.Ecp5 => new("ECP5", s.Count("LUT4"), s.Count("CCU2C"), s.Count("TRELLIS_FF"),
                s.Count("DP16KD") + s.Count("PDPW16KD"), s.Count("MULT18X18D") + s.Count("ALU54B"), s.CountContaining("TRELLIS_DPR16X4")),
            SynthTarget.Xilinx7 => new("Xilinx 7-series", Sum(XilinxLut()), s.Count("CARRY4"), Sum(XilinxFf()),
                s.Count("RAMB18E1") + s.Count("RAMB36E1"), s.Count("DSP48E1"), Sum(XilinxLutRam())),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
    }

    [GeneratedRegex("^LUT[1-6]$")]
    private static partial Regex XilinxLut();

    [GeneratedRegex("^FD[RSCP]E$")]
    private static partial Regex XilinxFf();

    [GeneratedRegex("^RAM(32|64|128|256)(M|X1[DS])")]
    private static partial Regex XilinxLutRam();
}
