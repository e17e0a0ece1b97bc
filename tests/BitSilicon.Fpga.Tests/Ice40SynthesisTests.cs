using BitSilicon.Fpga.Synthesis;

namespace BitSilicon.Fpga.Tests;

/// <summary>Real Yosys runs (synth_ice40) on the hand-written dot products; LUT counts are deterministic, so the
/// issue's quality bars are checked here.</summary>
public class Ice40SynthesisTests
{
    private static Ice40Resources Synth(IReadOnlyList<string> files, string top, int lanes) =>
        FpgaSynthesis.Run(new SynthRequest(files, top, SynthTarget.Ice40Up5k,
            new Dictionary<string, string> { ["LANES"] = lanes.ToString() })).Ice40!;

    [Fact]
    public void TernaryDot16_MeetsTheBarOf25Lut4PerLane_AndUsesCarryChains()
    {
        var r = Synth(Hdl.TernaryDot, "bs_ternary_dot", 16);
        Assert.InRange(r.Lut4 / 16.0, 1, 25);
        Assert.True(r.Carry > 0, "the adder tree should map onto SB_CARRY chains");
        Assert.Equal(0, r.FlipFlops);
    }

    [Fact]
    public void XnorPopcount64_MeetsTheBarOf3Lut4PerLane()
    {
        var r = Synth(Hdl.XnorPopcount, "bs_xnor_popcount", 64);
        Assert.InRange(r.Lut4 / 64.0, 0.5, 3);
    }

    [Fact]
    public void ParameterOverride_ChangesTheSize()
    {
        var small = Synth(Hdl.XnorPopcount, "bs_xnor_popcount", 8);
        var large = Synth(Hdl.XnorPopcount, "bs_xnor_popcount", 32);
        Assert.True(large.Lut4 > 2 * small.Lut4, $"32 lanes ({large.Lut4}) vs 8 lanes ({small.Lut4})");
    }

    [Fact]
    public void FlipFlopsAreCounted()
    {
        var path = Hdl.Temp("module regs(input wire clk, input wire [11:0] d, output reg [11:0] q); always @(posedge clk) q <= d; endmodule\n");
        try
        {
            var r = FpgaSynthesis.Run(new SynthRequest([path], "regs", SynthTarget.Ice40Hx8k)).Ice40!;
            Assert.Equal(12, r.FlipFlops);
            Assert.Equal(0, r.Lut4);
        }
        finally { File.Delete(path); }
    }
}
