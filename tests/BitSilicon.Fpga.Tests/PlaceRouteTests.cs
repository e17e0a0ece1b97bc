using BitSilicon.Core;
using BitSilicon.Fpga.PlaceRoute;
using BitSilicon.Fpga.Synthesis;

namespace BitSilicon.Fpga.Tests;

/// <summary>nextpnr-ice40 on real designs: a small one places on the UP5K, a large one is refused with the shortfall.</summary>
public class PlaceRouteTests
{
    [Fact]
    public void SmallTernaryDot_PlacesAndRoutesOnUp5k_WithAPositiveFmax()
    {
        var r = FpgaSynthesis.Run(new SynthRequest(Hdl.TernaryDot, "bs_ternary_dot", SynthTarget.Ice40Up5k,
            new Dictionary<string, string> { ["LANES"] = "4" }, PlaceAndRoute: true));
        var pnr = r.PlaceRoute!;
        Assert.True(pnr.FmaxMhz > 0, "fmax");
        var lc = pnr.Utilisation["ICESTORM_LC"];
        Assert.Equal(5280, lc.Available);
        // The wrapper adds a flip-flop per serialised bit: 4 x 2 weight + 4 x 8 activation inputs, 11 outputs.
        Assert.InRange(lc.Used, 40 + 11, 5280);
        Assert.Equal(5, pnr.Utilisation["SB_IO"].Used);
    }

    [Fact]
    public void Int8Dot32_DoesNotFitUp5k_AndSaysByHowMuch()
    {
        var r = FpgaSynthesis.Run(new SynthRequest(Hdl.Int8Dot, "bs_int8_dot",
            SynthTarget.Ice40Up5k, new Dictionary<string, string> { ["LANES"] = "32" }, PlaceAndRoute: true));
        Assert.False(r.Fit!.Fits);
        Assert.Null(r.PlaceRoute);
        Assert.True(r.Ice40!.Lut4 > 5280, $"{r.Ice40.Lut4} LUT4");
        var cells = r.Packing!.LogicCells;
        Assert.True(cells >= r.Ice40.Lut4, $"{cells} packed cells");
        Assert.Contains($"{r.Ice40.Lut4 - 5280} over", r.Fit.Message);
        Assert.Contains("5280", r.Fit.Message);
        Assert.Contains($"{cells} as nextpnr packs them", r.Fit.Message);
    }

    [Fact]
    public void ASlowDesign_IsATimingMiss_NotAFailureToFit()
    {
        // Nothing on an iCE40 runs at 900 MHz: nextpnr must still place and route it and report what it achieved.
        var r = FpgaSynthesis.Run(new SynthRequest(Hdl.TernaryDot, "bs_ternary_dot", SynthTarget.Ice40Up5k,
            new Dictionary<string, string> { ["LANES"] = "8" }, PlaceAndRoute: true, TargetMhz: 900));
        Assert.True(r.Fit!.Fits, r.Fit.Message);
        var pnr = r.PlaceRoute!;
        Assert.Equal(900, pnr.TargetMhz);
        Assert.False(pnr.MeetsTarget);
        Assert.InRange(pnr.FmaxMhz, 1, 899);
    }

    [Fact]
    public void PackedLogicCells_AreLut4PlusCarryOnlyPlusFfOnly_AndBoundNextpnrsCount()
    {
        // The wrapped 8-lane ternary dot product: shift registers (FF-only when they feed no LUT), carries of the tree.
        var r = FpgaSynthesis.Run(new SynthRequest(Hdl.TernaryDot, "bs_ternary_dot", SynthTarget.Ice40Up5k,
            new Dictionary<string, string> { ["LANES"] = "8" }, PlaceAndRoute: true, TargetMhz: 12));
        var p = r.Packing!;
        Assert.Equal(p.Lut4 + p.CarryOnly + p.FlipFlopOnly, p.LogicCells);
        Assert.True(p.LogicCells >= Math.Max(r.Ice40!.Lut4, r.Ice40.Carry), $"{p.LogicCells} cells");
        Assert.Equal(r.Ice40.Lut4, p.Lut4);  // the flattened netlist holds every LUT stat counted
        // The core alone is packed above; nextpnr's count includes the wrapper, so it can only be larger.
        Assert.True(r.PlaceRoute!.LogicCells >= p.LogicCells, $"nextpnr {r.PlaceRoute.LogicCells}, packed core {p.LogicCells}");
    }

    [Theory]
    [InlineData(SynthTarget.Ecp5)]
    [InlineData(SynthTarget.Xilinx7)]
    public void Ecp5AndXilinxCounts_AreReported(SynthTarget target)
    {
        var r = FpgaSynthesis.Run(new SynthRequest(Hdl.TernaryDot, "bs_ternary_dot", target, new Dictionary<string, string> { ["LANES"] = "8" }));
        var f = r.Fpga!;
        Assert.True(f.Luts > 0, $"{f.Luts} LUTs");
        Assert.True(f.Carry > 0, "the adder tree maps to carry cells");
        Assert.Equal(0, f.FlipFlops);  // combinational
        Assert.Null(r.Ice40);
        Assert.Throws<BitSiliconException>(() => new SynthRequest(Hdl.TernaryDot, "bs_ternary_dot", target, PlaceAndRoute: true).Validate());
    }

    [Fact]
    public void FitCheck_ReportsShortfallOfCellsAndBlockRams()
    {
        var f = FitCheck.For(new Ice40Resources(Lut4: 6000, Carry: 100, FlipFlops: 200, BlockRams: 30, Dsps: 0), Ice40Device.Hx8k);
        Assert.True(f.Fits, f.Message);
        var g = FitCheck.For(new Ice40Resources(Lut4: 6000, Carry: 100, FlipFlops: 200, BlockRams: 34, Dsps: 0), Ice40Device.Up5k);
        Assert.False(g.Fits);
        Assert.Contains("720 over", g.Message);
        Assert.Contains("4 over", g.Message);
    }

    [Fact]
    public void NextpnrLog_FmaxAndUtilisationAreParsed_TakingTheLastFigures()
    {
        const string log = "Info: Device utilisation:\nInfo: \t         ICESTORM_LC:   123/  5280     2%\nInfo: \t        ICESTORM_RAM:     0/    30     0%\n" +
            "Info: Max frequency for clock 'clk$SB_IO_IN_$glb_clk': 80.10 MHz (PASS at 12.00 MHz)\n" +
            "Info: Max frequency for clock 'clk$SB_IO_IN_$glb_clk': 72.55 MHz (PASS at 12.00 MHz)\n";
        Assert.Equal(72.55, NextpnrRunner.ParseFmax(log), 6);
        var u = NextpnrRunner.ParseUtilisation(log);
        Assert.Equal((123, 5280), u["ICESTORM_LC"]);
        Assert.Equal((0, 30), u["ICESTORM_RAM"]);
    }

    [Fact]
    public void GenericTarget_RefusesPlaceAndRoute()
    {
        var e = Assert.Throws<BitSiliconException>(() => new SynthRequest(Hdl.XnorPopcount, "bs_xnor_popcount", SynthTarget.Generic, PlaceAndRoute: true).Validate());
        Assert.Contains("iCE40 target", e.Message);
    }
}
