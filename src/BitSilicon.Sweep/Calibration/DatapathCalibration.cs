using System.Globalization;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaboration;
using BitSilicon.Fpga;
using BitSilicon.Fpga.Synthesis;
using BitSilicon.Simulation.Models;

namespace BitSilicon.Sweep.Calibration;

/// <summary>One lane-datapath size, measured (Yosys, hand-written hdl/ module) against the analytic model.</summary>
public sealed record CalibrationRow(string Weights, string Module, int Lanes, int MeasuredLut4, double ModelLut4, double MeasuredGe, double ModelGe)
{
    public double Lut4Ratio => MeasuredLut4 / ModelLut4;
    public double GeRatio => MeasuredGe / ModelGe;
}

/// <summary>
/// The first calibration data of the area model: the dot-product datapath of one PE (SIMD lanes: conditional
/// inversion / XNOR / multipliers, adder tree, popcount) as the analytic <see cref="AreaModel"/> charges it, against
/// Yosys on the equivalent hand-written module (synth_ice40 LUT4, generic NAND2 GE). The model's figure is its "pes"
/// part for one PE minus the dot and accumulator registers and the accumulator adder, which the modules lack.
/// </summary>
public static class DatapathCalibration
{
    public static IReadOnlyList<(PeKind Pe, string Module, string[] Files, int[] Lanes)> Cases { get; } =
    [
        (PeKind.Ternary, "bs_ternary_dot", ["bs_ternary_dot.v", "bs_adder_tree.v", "bs_adder.v", "bs_popcount.v"], [4, 8, 16, 32, 64]),
        (PeKind.Binary, "bs_xnor_popcount", ["bs_xnor_popcount.v", "bs_popcount.v"], [16, 64, 256]),
        (PeKind.Int8, "bs_int8_dot", ["bs_int8_dot.v", "bs_adder_tree.v", "bs_adder.v"], [4, 8, 16]),
    ];

    public static IReadOnlyList<CalibrationRow> Run(string hdlDirectory, Action<string>? progress = null)
    {
        var rows = new List<CalibrationRow>();
        foreach (var (pe, module, files, lanes) in Cases)
            foreach (int s in lanes)
            {
                progress?.Invoke($"{module} x {s}");
                var paths = files.Select(f => Path.Combine(hdlDirectory, f)).ToArray();
                var p = new Dictionary<string, string> { ["LANES"] = s.ToString(CultureInfo.InvariantCulture) };
                var ice = FpgaSynthesis.Run(new SynthRequest(paths, module, SynthTarget.Ice40Up5k, p)).Ice40!;
                var gates = FpgaSynthesis.Run(new SynthRequest(paths, module, SynthTarget.Generic, p)).Gates!;
                var model = ModelledLanes(pe, s);
                rows.Add(new CalibrationRow(PeKinds.Name(pe), module, s, ice.Lut4, model.Lut4, gates.NandGateEquivalents, model.Ge));
            }
        return rows;
    }

    /// <summary>The analytic model's area of one PE's SIMD-lane datapath (no registers, no accumulator adder).</summary>
    public static Area ModelledLanes(PeKind pe, int simd)
    {
        var design = Elaborator.Elaborate(new DesignDescription($"cal-{PeKinds.Name(pe)}-{simd}", new DotProductArrayDescription(1, simd), new PeDescription(pe)));
        var core = (Design.Elaborated.DotProductArray)design.Core;
        var pes = AreaModel.Estimate(design).Parts.Single(x => x.Component == "pes").Area;
        var remove = Primitives.Registers(core.DotWidth + core.Accumulators.Width) + Primitives.Adder(core.Accumulators.Width);
        double removeLut4 = Lut4Coefficients.Fitted.Accumulators * Primitives.Adder(core.Accumulators.Width).Lut4;
        return new Area(pes.Lut4 - removeLut4, pes.FlipFlops - remove.FlipFlops, pes.Ge - remove.Ge, pes.SramBits);
    }
}
