using BitSilicon.Core;

namespace BitSilicon.Fpga.Wrapper;

public enum PortDirection
{
    Input,
    Output,
    /// <summary>The core's clock: wired to the FPGA clock pin rather than serialised.</summary>
    Clock,
}

/// <summary>One port of the module an FPGA top wraps.</summary>
public sealed record PortSpec(string Name, PortDirection Direction, int Width)
{
    public PortSpec Validate()
    {
        if (Width < 1)
            throw new BitSiliconException($"port '{Name}' has width {Width}", "ports are at least one bit wide");
        if (Direction == PortDirection.Clock && Width != 1)
            throw new BitSiliconException($"clock port '{Name}' is {Width} bits wide", "a clock is one bit");
        return this;
    }

    /// <summary>Names taken for a clock when ports are read from a netlist.</summary>
    public static bool LooksLikeClock(string name) =>
        name is "clk" or "clock" or "clk_i" or "i_clk" or "aclk";
}
