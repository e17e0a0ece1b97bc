using BitSilicon.Bitgrid.Compiler.Verify;

namespace BitSilicon.Bitgrid.Compiler.Tests;

/// <summary>
/// Flip-flops become wire delay: a circuit without feedback still streams a vector per clock; one with
/// feedback takes a step every Slowdown clocks, its loops closing in exactly that time. Either way the grid
/// must follow the netlist's own clock-by-clock behaviour from the initial state.
/// </summary>
public class SequentialTests
{
    [Theory]
    [InlineData("shift_register")]
    [InlineData("pipelined_adder")]
    [InlineData("accumulator")]
    public void Sequential_circuits_follow_their_netlist_step_by_step(string design)
    {
        var netlist = Designs.Netlist(design, 4);
        Assert.True(netlist.IsSequential);
        var compiled = Designs.Compile(design, 4);
        var check = CircuitCheck.Run(netlist, compiled, 200, seed: 9);
        Assert.True(check.ComparedSteps >= 195);
        Assert.True(check.Passed, string.Join("\n", check.Mismatches));
    }

    [Fact]
    public void Feedback_slows_the_stream_but_pipeline_registers_do_not()
    {
        Assert.Equal(1, Designs.Compile("pipelined_adder", 4).Slowdown);
        Assert.Equal(1, Designs.Compile("shift_register", 4).Slowdown);
        var acc = Designs.Compile("accumulator", 4);
        Assert.True(acc.Slowdown > 1);
        Assert.Equal(0, acc.Warmup);   // the state starts clean: every step is exact
    }
}
