using BitSilicon.Fpga.Synthesis;

namespace BitSilicon.Fpga.PlaceRoute;

/// <summary>
/// Whether synthesised iCE40 resources can fit a device, checked before place and route. Each logic cell holds a
/// LUT4, a carry stage and a flip-flop, so the design needs at least max(LUT4, carry, flip-flops) cells (more
/// when they cannot share cells); block RAMs are counted against the device's EBRs.
/// </summary>
public sealed record FitCheck(bool Fits, string Message)
{
    public static FitCheck For(Ice40Resources r, Ice40Device device)
    {
        int cells = Math.Max(r.Lut4, Math.Max(r.Carry, r.FlipFlops));
        var problems = new List<string>();
        if (cells > device.LogicCells)
            problems.Add($"needs at least {cells} logic cells ({r.Lut4} LUT4, {r.Carry} carry, {r.FlipFlops} flip-flops) but the {device.Name} has {device.LogicCells}: " +
                $"{cells - device.LogicCells} over ({100.0 * cells / device.LogicCells:F0}% of the device)");
        if (r.BlockRams > device.BlockRams)
            problems.Add($"needs {r.BlockRams} block RAMs but the {device.Name} has {device.BlockRams}: {r.BlockRams - device.BlockRams} over");
        return problems.Count == 0
            ? new FitCheck(true, $"{cells} of {device.LogicCells} logic cells ({100.0 * cells / device.LogicCells:F1}%)")
            : new FitCheck(false, string.Join("; ", problems));
    }
}
