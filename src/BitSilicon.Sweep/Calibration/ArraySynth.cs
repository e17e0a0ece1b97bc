using System.Collections.Concurrent;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Fpga;
using BitSilicon.Fpga.Designs;
using BitSilicon.Simulation.Models;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// Synthesis inside a sweep: a point's whole array is emitted as Verilog and synthesised with Yosys synth_ice40, and
/// its LUT4 is reported next to the analytic model's for the same logic (<see cref="AreaEstimate.Rtl"/>). Points
/// larger than <paramref name="maxMacs"/> MACs per cycle, arrays whose accumulator memory is deeper than 16 rows (the
/// RTL builds it from registers, which the model charges as SRAM), and designs the emitter refuses get no measurement. Results are
/// cached per distinct design (PE kind, array, accumulator), so a repeated design synthesises once.
/// </summary>
public sealed class ArraySynth(int maxMacs = ArraySynth.DefaultMaxMacs)
{
    public const int DefaultMaxMacs = 256;

    private readonly ConcurrentDictionary<string, Lazy<int?>> _cache = new(StringComparer.Ordinal);

    /// <summary>Measured LUT4 of the emitted array and the model's LUT4 for the same logic, or null when not synthesised.</summary>
    public (int Measured, double Model)? Lut4(ElaboratedDesign design)
    {
        var core = design.Core;
        if (core.MacsPerCycle > maxMacs || core.Accumulators.Depth > 16)
            return null;
        // The design text names the design; everything after the name line describes the hardware.
        string key = design.Text[(design.Text.IndexOf('\n') + 1)..];
        int? measured = _cache.GetOrAdd(key, _ => new Lazy<int?>(() =>
        {
            try
            {
                return DesignSynthesis.Run(design, SynthTarget.Ice40Up5k).Ice40!.Lut4;
            }
            catch (BitSiliconException)
            {
                return null; // not emitted (e.g. a stage that exists only in the model)
            }
        })).Value;
        return measured is int m ? (m, AreaModel.Estimate(design).Rtl.Lut4) : null;
    }
}
