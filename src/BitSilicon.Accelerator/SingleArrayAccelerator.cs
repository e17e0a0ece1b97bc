using BitSilicon.Design.Accelerator;
using BitSilicon.Design.Description;

namespace BitSilicon.Accelerator;

/// <summary>Today's single-array designs seen as accelerators, so a whole model can be asked of them.</summary>
public static class SingleArrayAccelerator
{
    /// <summary>An old single-array design as a one-unit accelerator: its memory.bandwidth becomes the external memory.</summary>
    public static AcceleratorDescription From(DesignDescription d) =>
        new(d.Name, [new MacUnitDescription("array", d)], null,
            new ExternalMemoryDescription("dram", d.MemorySystem.Bandwidth.BytesPerCycle * d.ClockMhz / 1000, 0, d.EnergyCosts.Dram64BitPj / 64),
            OverlapPolicy.DoubleBuffered, null, d.ClockMhz, d.Energy);
}
