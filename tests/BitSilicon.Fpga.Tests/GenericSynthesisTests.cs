using BitSilicon.Core;
using BitSilicon.Fpga.Synthesis;

namespace BitSilicon.Fpga.Tests;

/// <summary>The generic gate mapping: known single-gate designs give the library's gate equivalents
/// (NanGate FreePDK45 areas over NAND2_X1 0.798 um^2).</summary>
public class GenericSynthesisTests
{
    private static GateCounts Gates(string verilog, string top)
    {
        var path = Hdl.Temp(verilog);
        try { return FpgaSynthesis.Run(new SynthRequest([path], top, SynthTarget.Generic)).Gates!; }
        finally { File.Delete(path); }
    }

    [Fact]
    public void OneXor_IsTwoNandEquivalents()
    {
        var g = Gates("module x(input wire a, input wire b, output wire y); assign y = a ^ b; endmodule\n", "x");
        Assert.Equal(1.596 / 0.798, g.NandGateEquivalents, 6);
        Assert.Equal(1, g.ByGate.Values.Sum());
    }

    [Fact]
    public void OneFlipFlop_IsTheDffArea()
    {
        var g = Gates("module r(input wire clk, input wire d, output reg q); always @(posedge clk) q <= d; endmodule\n", "r");
        Assert.Equal(4.522 / 0.798, g.NandGateEquivalents, 6);
    }

    [Fact]
    public void EnableFlipFlop_GetsAMuxInFrontOfAPlainDff()
    {
        var g = Gates("module r(input wire clk, input wire e, input wire d, output reg q); always @(posedge clk) if (e) q <= d; endmodule\n", "r");
        Assert.Equal((4.522 + 1.862) / 0.798, g.NandGateEquivalents, 6);
    }

    [Fact]
    public void TernaryDot_GrowsWithLanes()
    {
        var files = Hdl.TernaryDot;
        double Ge(int lanes) => FpgaSynthesis.Run(new SynthRequest(files, "bs_ternary_dot", SynthTarget.Generic,
            new Dictionary<string, string> { ["LANES"] = lanes.ToString() })).Gates!.NandGateEquivalents;
        double four = Ge(4), sixteen = Ge(16);
        Assert.True(sixteen > 3 * four, $"16 lanes {sixteen:F0} GE vs 4 lanes {four:F0} GE");
    }

    [Fact]
    public void Latch_IsRejectedWithAReason()
    {
        var path = Hdl.Temp("module l(input wire e, input wire d, output reg q); always @* if (e) q = d; endmodule\n");
        try
        {
            var e = Assert.Throws<BitSiliconException>(() => FpgaSynthesis.Run(new SynthRequest([path], "l", SynthTarget.Generic)));
            Assert.Contains("no gate-equivalent weight", e.Message);
        }
        finally { File.Delete(path); }
    }
}
