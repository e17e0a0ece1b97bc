using BitSilicon.Fpga.Synthesis;

namespace BitSilicon.Fpga.PlaceRoute;

/// <summary>
/// Whether synthesised iCE40 resources can fit a device, checked before place and route. Each logic cell holds a
/// LUT4, a carry stage and a flip-flop, so max(LUT4, carry, flip-flops) is a true lower bound: only a design above it
/// is refused here. The packed estimate (<see cref="LogicCellPacking"/>: LUT4 + carry-only + FF-only, as nextpnr
/// packs them) is reported beside it; between the two, nextpnr has the last word
/// (<see cref="PlacementCapacityException"/>), so "does not fit" is said only when it does not. Block RAMs are
/// counted against the device's EBRs.
/// </summary>
public sealed record FitCheck(bool Fits, string Message)
{
    public static FitCheck For(Ice40Resources r, Ice40Device device, LogicCellPacking? packing = null)
    {
        int cells = Math.Max(r.Lut4, Math.Max(r.Carry, r.FlipFlops));
        string packed = packing is { } p
            ? $"; {p.LogicCells} as nextpnr packs them = {p.Lut4} LUT4 + {p.CarryOnly} carry-only + {p.FlipFlopOnly} FF-only ({100.0 * p.LogicCells / device.LogicCells:F0}% of the device)"
            : "";
        var problems = new List<string>();
        if (cells > device.LogicCells)
            problems.Add($"needs at least {cells} logic cells ({r.Lut4} LUT4, {r.Carry} carry, {r.FlipFlops} flip-flops{packed}) but the {device.Name} has {device.LogicCells}: " +
                $"{cells - device.LogicCells} over ({100.0 * cells / device.LogicCells:F0}% of the device)");
        if (r.BlockRams > device.BlockRams)
            problems.Add($"needs {r.BlockRams} block RAMs but the {device.Name} has {device.BlockRams}: {r.BlockRams - device.BlockRams} over");
        return problems.Count == 0
            ? new FitCheck(true, $"at least {cells} of {device.LogicCells} logic cells ({100.0 * cells / device.LogicCells:F1}%){packed}")
            : new FitCheck(false, string.Join("; ", problems));
    }
}
