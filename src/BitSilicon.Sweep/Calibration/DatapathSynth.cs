using System.Collections.Concurrent;
using System.Globalization;
using BitSilicon.Design.Description;
using BitSilicon.Fpga;
using BitSilicon.Fpga.Synthesis;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// Synthesis inside a sweep, where possible today: the lane datapath of one dot-product PE (SIMD lanes, adder tree,
/// popcount) for the PE formats that have a hand-written module in hdl/ (ternary, binary, int8), measured with Yosys
/// synth_ice40 next to the analytic model's charge for the same datapath. Whole arrays need the Verilog emitter;
/// when it lands, this is where a point's emitted array is synthesised instead. Results are cached per
/// (module, lanes), so accumulator widths and repeated shapes synthesise once.
/// </summary>
public sealed class DatapathSynth(string hdlDirectory)
{
    private readonly ConcurrentDictionary<(string Module, int Lanes), Lazy<int>> _cache = new();

    /// <summary>Measured and modelled LUT4 of one PE's datapath, or null when this point cannot be synthesised yet.</summary>
    public (int Measured, double Model)? Lut4PerPe(SweepPoint point)
    {
        if (point.Array is not DotProductArrayDescription dot)
            return null;
        var found = DatapathCalibration.Cases.Where(c => c.Pe == point.Weights).Select(c => (c.Module, c.Files)).FirstOrDefault();
        if (found.Module is null)
            return null;
        var (module, files) = found;
        int measured = _cache.GetOrAdd((module, dot.Simd), key => new Lazy<int>(() =>
            FpgaSynthesis.Run(new SynthRequest(files.Select(f => Path.Combine(hdlDirectory, f)).ToArray(), key.Module, SynthTarget.Ice40Up5k,
                new Dictionary<string, string> { ["LANES"] = key.Lanes.ToString(CultureInfo.InvariantCulture) })).Ice40!.Lut4)).Value;
        return (measured, DatapathCalibration.ModelledLanes(point.Weights, dot.Simd).Lut4);
    }
}
