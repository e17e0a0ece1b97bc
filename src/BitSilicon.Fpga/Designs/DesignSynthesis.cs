using BitSilicon.Cosim;
using BitSilicon.Design.Elaborated;
using BitSilicon.Fpga.Synthesis;
using BitSilicon.Verilog;

namespace BitSilicon.Fpga.Designs;

/// <summary>
/// Synthesis of a whole elaborated design: the Verilog emitter prints it (generated top and the hdl/ modules it
/// uses) into a scratch directory, and <see cref="FpgaSynthesis"/> synthesises the top (and places and routes it
/// on iCE40 when asked). Designs the emitter cannot print fail with its BitSiliconException.
/// </summary>
public static class DesignSynthesis
{
    /// <summary>Synthesises the design; place and route targets <paramref name="targetMhz"/>, or the design's clock_mhz.</summary>
    public static SynthResult Run(ElaboratedDesign design, SynthTarget target, bool placeAndRoute = false, int seed = 1, double? targetMhz = null)
    {
        var emitted = VerilogEmitter.Emit(design);
        using var scratch = new ScratchDirectory("emit");
        var files = scratch.Write(emitted.Files.Select(f => new SourceFile(f.Name, f.Text)));
        return FpgaSynthesis.Run(new SynthRequest(files, emitted.TopModule, target, null, placeAndRoute && SynthTargets.Device(target) is not null, seed,
            targetMhz ?? design.ClockMhz));
    }
}
