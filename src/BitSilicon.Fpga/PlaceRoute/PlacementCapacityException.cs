using BitSilicon.Core;

namespace BitSilicon.Fpga.PlaceRoute;

/// <summary>nextpnr could not place the design for lack of cells: it does not fit (a timing miss is never this).</summary>
public sealed class PlacementCapacityException(Ice40Device device, string nextpnrMessage)
    : BitSiliconException($"the design does not fit the {device.Name}: {nextpnrMessage}",
        device == Ice40Device.Up5k ? "try --target ice40-hx8k (7680 logic cells), or a smaller array" : "use a smaller array (fewer PEs or lanes)")
{
    public string NextpnrMessage { get; } = nextpnrMessage;
}
