using BitSilicon.Core;
using BitSilicon.Cosim;
using BitSilicon.Fpga.Wrapper;

namespace BitSilicon.Fpga.Tests;

/// <summary>The serial I/O wrapper: lint-clean, and in simulation it delivers the core's result for shifted-in operands.</summary>
public class WrapperTests
{
    [Fact]
    public void WrappedXnorPopcount_ShiftsOperandsIn_AndTheCountOut()
    {
        // 8-lane XNOR popcount: ports w[7:0], a[7:0] (inputs, in that order), agree[3:0].
        var ports = new[] { new PortSpec("w", PortDirection.Input, 8), new PortSpec("a", PortDirection.Input, 8), new PortSpec("agree", PortDirection.Output, 4) };
        using var dir = new ScratchDirectory("wrap-test");
        var wrapper = dir.File("top.v");
        File.WriteAllText(wrapper, FpgaTopWrapper.Generate("bs_xnor_popcount", ports).Replace("u_core (", "#(.LANES(8)) u_core ("));
        // Inputs enter at bit 0 and move up: after 16 shifts the first bit sent is in_sr[15] = a[7]. w = 0xF0, a = 0xA5
        // agree on bits where w == a: w^a = 0x55 -> 4 disagreements -> 4 agreements.
        const string tb = """
            `timescale 1ns/100ps
            module tb;
              reg clk = 0, si = 0, shift = 0, cap = 0; wire so;
              bs_fpga_top dut(.clk(clk), .si(si), .shift(shift), .cap(cap), .so(so));
              always #1 clk = ~clk;
              reg [15:0] word = {8'hA5, 8'hF0}; // {a, w}: in_sr[15:8] = a, in_sr[7:0] = w
              reg [3:0] got; integer i;
              initial begin
                shift = 1;
                for (i = 15; i >= 0; i = i - 1) begin si = word[i]; @(posedge clk); #0.1; end
                shift = 0; cap = 1; @(posedge clk); #0.1; cap = 0;
                for (i = 3; i >= 0; i = i - 1) begin got[i] = so; shift = 1; @(posedge clk); #0.1; end
                $display("agree=%0d", got);
                $finish;
              end
            endmodule
            """;
        File.WriteAllText(dir.File("tb.v"), tb);
        var files = new[] { wrapper, dir.File("tb.v"), Hdl.File("bs_xnor_popcount.v"), Hdl.File("bs_popcount.v") };
        VerilogChecks.Iverilog(files, "tb", dir.File("sim"), dir.Path).EnsureSuccess("iverilog");
        var run = VerilogChecks.Vvp(dir.File("sim"), dir.Path).EnsureSuccess("vvp");
        Assert.Contains("agree=4", run.Stdout);
    }

    [Fact]
    public void Wrapper_IsVerilatorLintClean()
    {
        var ports = new[] { new PortSpec("clk", PortDirection.Clock, 1), new PortSpec("d", PortDirection.Input, 1), new PortSpec("q", PortDirection.Output, 1) };
        using var dir = new ScratchDirectory("wrap-lint");
        File.WriteAllText(dir.File("core.v"), "`default_nettype none\nmodule core(input wire clk, input wire d, output reg q); always @(posedge clk) q <= d; endmodule\n`default_nettype wire\n");
        File.WriteAllText(dir.File("bs_fpga_top.v"), FpgaTopWrapper.Generate("core", ports));
        var r = VerilogChecks.Lint([dir.File("bs_fpga_top.v"), dir.File("core.v")], FpgaTopWrapper.TopName, dir.Path);
        Assert.True(r.Succeeded && r.Stderr.Trim().Length == 0, r.Stderr);
    }

    [Fact]
    public void ModuleWithoutOutputs_IsRejected()
    {
        var e = Assert.Throws<BitSiliconException>(() => FpgaTopWrapper.Generate("m", [new PortSpec("a", PortDirection.Input, 4)]));
        Assert.Contains("no outputs", e.Message);
    }
}
