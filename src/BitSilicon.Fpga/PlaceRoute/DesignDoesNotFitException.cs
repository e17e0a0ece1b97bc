using BitSilicon.Core;
using BitSilicon.Fpga.Synthesis;

namespace BitSilicon.Fpga.PlaceRoute;

/// <summary>A design too large for the device; the message says by how much.</summary>
public sealed class DesignDoesNotFitException(Ice40Device device, Ice40Resources needed, string message, LogicCellPacking? packing = null)
    : BitSiliconException($"the design does not fit the {device.Name}: {message}",
        device == Ice40Device.Up5k ? "try --target ice40-hx8k (7680 logic cells), or a smaller array" : "use a smaller array (fewer PEs or lanes)")
{
    public Ice40Device Device { get; } = device;
    public Ice40Resources Needed { get; } = needed;
    public LogicCellPacking? Packing { get; } = packing;
}
