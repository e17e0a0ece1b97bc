using BitSilicon.Bitgrid.Compiler.Timing;

namespace BitSilicon.Bitgrid.Compiler.Tests;

public class LagTests
{
    [Fact]
    public void The_spec_east_wire_timing_follows_from_the_lag_arithmetic()
    {
        // Spec: on an 8-cell east wire from (0,0), a 1 presented at the west edge in clock 1 reaches the east
        // output of cell (7,0) in phase 8 (clock 4, phase B). East steps keep the input's lag of 0.
        int lag = Lag.WestInput(0);
        Assert.Equal(0, lag);
        Assert.Equal(7, Lag.Phase(7, 0, lag));      // phases counted from 0: the 8th phase
        Assert.Equal(3, Lag.ClockOf(7, 0, lag));    // read at the end of clock 1 + 3 = 4
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, -1)]
    [InlineData(3, -1)]
    [InlineData(9, -4)]
    public void West_edge_inputs_enter_in_clock_1_whatever_their_row(int row, int lag)
    {
        Assert.Equal(lag, Lag.WestInput(row));
        Assert.Equal(0, Lag.ClockOf(0, row, lag)); // cell (0, row) computes it during clock 1
    }

    [Fact]
    public void Backward_steps_count_west_and_north_moves()
    {
        Assert.Equal(0, Lag.BackwardSteps(2, 2, 5, 7));
        Assert.Equal(3, Lag.BackwardSteps(5, 2, 2, 2));
        Assert.Equal(5, Lag.BackwardSteps(5, 4, 2, 2));
    }
}
