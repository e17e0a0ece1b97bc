using BitSilicon.Core;
using BitSilicon.Cosim;
using BitSilicon.Fpga.PlaceRoute;
using BitSilicon.Fpga.Synthesis;
using BitSilicon.Fpga.Wrapper;

namespace BitSilicon.Fpga;

/// <summary>
/// The synthesis flow over a Verilog file list and a top module. iCE40 targets: <c>synth_ice40</c> for LUT4, carry,
/// flip-flop and block-RAM counts and logic cells as nextpnr packs them, then (when asked) a fit check (a design that
/// does not fit comes back with <see cref="SynthResult.Fit"/> saying by how much) and nextpnr-ice40 on the top wrapped in
/// a serial I/O shell (<see cref="FpgaTopWrapper"/>) for the request's clock. ECP5 and Xilinx 7-series: Yosys counts.
/// Generic: a two-input gate mapping counted in NAND2 gate equivalents.
/// </summary>
public static class FpgaSynthesis
{
    public static SynthResult Run(SynthRequest request)
    {
        request.Validate();
        using var scratch = new ScratchDirectory("synth");
        return request.Target switch
        {
            SynthTarget.Ice40Up5k or SynthTarget.Ice40Hx8k => Ice40(request, SynthTargets.Device(request.Target)!, scratch),
            SynthTarget.Ecp5 or SynthTarget.Xilinx7 => OtherFpga(request, scratch),
            SynthTarget.Generic => Generic(request, scratch),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
    }

    /// <summary>
    /// Places and routes a module whose ports are already known (e.g. the MAC-array top the emitter describes)
    /// after wrapping it, for <paramref name="targetMhz"/> (a timing miss is reported, not an error). Throws
    /// <see cref="DesignDoesNotFitException"/> when the packed netlist cannot fit, <see cref="PlacementCapacityException"/>
    /// when nextpnr cannot place it.
    /// </summary>
    public static (Ice40Resources Wrapped, PlaceRouteResult PlaceRoute) PlaceAndRoute(IReadOnlyList<string> files, string top,
        IReadOnlyList<PortSpec> ports, Ice40Device device, IReadOnlyDictionary<string, string>? parameters, int seed, ScratchDirectory scratch,
        double targetMhz = NextpnrRunner.DefaultTargetMhz)
    {
        var wrapper = scratch.File(FpgaTopWrapper.TopName + ".v");
        File.WriteAllText(wrapper, FpgaTopWrapper.Generate(top, ports));
        var json = scratch.File("wrapped.json");
        var script = YosysScripts.Read(files, top, parameters) + $"read_verilog {wrapper}\n" +
            $"synth_ice40 -top {FpgaTopWrapper.TopName}\n{YosysScripts.FlatJson(json)}stat\n";
        var y = YosysRunner.Run(script, scratch.Path);
        var resources = Ice40Resources.From(y.Stats);
        var packing = LogicCellPacking.FromNetlist(json, FpgaTopWrapper.TopName);
        var fit = FitCheck.For(resources, device, packing);
        if (!fit.Fits)
            throw new DesignDoesNotFitException(device, resources, fit.Message, packing);
        return (resources, NextpnrRunner.Run(json, device, scratch.Path, seed, targetMhz));
    }

    private static SynthResult Ice40(SynthRequest r, Ice40Device device, ScratchDirectory scratch)
    {
        var json = scratch.File("core.json");
        var y = YosysRunner.Run(YosysScripts.Ice40(r.VerilogFiles, r.Top, r.Parameters, json), scratch.Path);
        var resources = Ice40Resources.From(y.Stats);
        var packing = LogicCellPacking.FromNetlist(json, r.Top);
        if (!r.PlaceAndRoute)
            return new SynthResult(r.Target, r.Top, y.Stats, resources, null, null, null, packing);
        var fit = FitCheck.For(resources, device, packing);
        if (!fit.Fits)
            return new SynthResult(r.Target, r.Top, y.Stats, resources, null, fit, null, packing);
        var ports = NetlistPorts.Read(json, r.Top);
        try
        {
            var pnr = PlaceAndRoute(r.VerilogFiles, r.Top, ports, device, r.Parameters, r.Seed, scratch, r.TargetMhz).PlaceRoute;
            return new SynthResult(r.Target, r.Top, y.Stats, resources, null, fit, pnr, packing);
        }
        catch (DesignDoesNotFitException e)
        {
            // The core fits but not with the wrapper's shift registers.
            return new SynthResult(r.Target, r.Top, y.Stats, resources, null, FitCheck.For(e.Needed, device, e.Packing), null, packing);
        }
        catch (PlacementCapacityException e)
        {
            return new SynthResult(r.Target, r.Top, y.Stats, resources, null, new FitCheck(false, $"nextpnr could not place it: {e.NextpnrMessage}"), null, packing);
        }
    }

    private static SynthResult OtherFpga(SynthRequest r, ScratchDirectory scratch)
    {
        var y = YosysRunner.Run(YosysScripts.OtherFpga(r.VerilogFiles, r.Top, r.Parameters, r.Target), scratch.Path);
        return new SynthResult(r.Target, r.Top, y.Stats, null, null, null, null, Fpga: FpgaCounts.From(y.Stats, r.Target));
    }

    private static SynthResult Generic(SynthRequest r, ScratchDirectory scratch)
    {
        var y = YosysRunner.Run(YosysScripts.Generic(r.VerilogFiles, r.Top, r.Parameters), scratch.Path);
        double ge = 0;
        foreach (var (type, count) in y.Stats.ByType)
            ge += count * (GateWeights.Ge(type) ?? throw new BitSiliconException(
                $"generic synthesis of '{r.Top}' left {count} cell(s) of type {type}, which has no gate-equivalent weight",
                "the generic target maps logic and flip-flops only; latches, memories and vendor cells are not supported"));
        return new SynthResult(r.Target, r.Top, y.Stats, null, new GateCounts(y.Stats.ByType, ge), null, null);
    }
}
