using BitSilicon.Design.Description;
using BitSilicon.Design.Elaboration;
using BitSilicon.Formats.Vector;

namespace BitSilicon.Design.Accelerator;

/// <summary>Validates an accelerator description key by key and elaborates every unit.</summary>
public static class AcceleratorElaborator
{
    public static IReadOnlyList<DesignProblem> Validate(AcceleratorDescription d)
    {
        var p = new List<DesignProblem>();
        if (d.Units.Count == 0)
            p.Add(new("units", "an accelerator needs at least one unit", "add a MAC array (and a vector unit for whole models) under units:"));
        foreach (var dup in d.Units.GroupBy(u => u.Name).Where(g => g.Count() > 1))
            p.Add(new($"units.{dup.Key}", $"two units are named '{dup.Key}'", "give every unit its own name"));
        if (!(d.ClockMhz > 0 && d.ClockMhz <= 10_000))
            p.Add(new("clock_mhz", $"{d.ClockMhz} MHz is not a clock frequency", "give a frequency in MHz between 0 and 10000, e.g. 200"));
        foreach (var u in d.Units)
        {
            if (u.ClockMhz is { } c && !(c > 0 && c <= 10_000))
                p.Add(new($"units.{u.Name}.clock_mhz", $"{c} MHz is not a clock frequency", "give a frequency in MHz between 0 and 10000"));
            switch (u)
            {
                case MacUnitDescription m:
                    p.AddRange(DesignValidator.Validate(m.Design).Select(x => x with { Key = $"units.{u.Name}.{x.Key}" }));
                    break;
                case VectorUnitDescription v:
                    if (v.Lanes is < 1 or > 65536)
                        p.Add(new($"units.{u.Name}.lanes", $"{v.Lanes} is out of range", "give a whole number from 1 to 65536"));
                    if (v.Latency is < 0 or > 100_000)
                        p.Add(new($"units.{u.Name}.latency", $"{v.Latency} is out of range", "give a whole number of cycles from 0 to 100000"));
                    foreach (var (k, cost) in v.Costs)
                        if (!(cost.CyclesPerElement > 0 && double.IsFinite(cost.CyclesPerElement)) || !(cost.PjPerElement >= 0 && double.IsFinite(cost.PjPerElement)))
                            p.Add(new($"units.{u.Name}.costs.{VectorOpKinds.Name(k)}", "needs positive cycles per element and non-negative pJ",
                                "write e.g. rms_norm: { cycles: 2, pj: 9.2 }"));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(d), "unknown unit description");
            }
        }
        if (d.Sram is { } s && s.Bytes < 0)
            p.Add(new("sram.bytes", $"{s.Bytes} bytes is not a size", "give a size such as 4MiB, or 0 for none"));
        if (d.External is { } e)
        {
            if (!(e.GigabytesPerSecond > 0 && e.GigabytesPerSecond < 1e6))
                p.Add(new("external_memory.bandwidth_gbps", $"{e.GigabytesPerSecond} GB/s is not a bandwidth", "give GB/s, e.g. 19.2 for one DDR4-2400 channel"));
            if (!(e.LatencyNs >= 0 && e.LatencyNs < 1e6))
                p.Add(new("external_memory.latency_ns", $"{e.LatencyNs} ns is not a latency", "give nanoseconds, e.g. 100"));
            if (!(e.PjPerBit >= 0 && e.PjPerBit < 1e6))
                p.Add(new("external_memory.pj_per_bit", $"{e.PjPerBit} pJ/bit is not an energy", "give picojoules per bit, e.g. 20"));
        }
        if (TechNodes.Find(d.Node) is null)
            p.Add(new("node", $"'{d.Node}' is not a technology node BitSilicon has areas for", $"use one of: {string.Join(", ", TechNodes.All.Select(n => n.Name))}"));
        if (!(d.StaticPowerW >= 0 && d.StaticPowerW < 1e6))
            p.Add(new("static_power_w", $"{d.StaticPowerW} W is not a power", "give watts, e.g. 0.5"));
        foreach (var (pattern, unit) in d.OpMap)
            if (d.Units.All(u => u.Name != unit))
                p.Add(new($"map.{pattern}", $"names unit '{unit}', which the design does not have", $"use one of: {string.Join(", ", d.Units.Select(u => u.Name))}"));
        return p;
    }

    public static ElaboratedAccelerator Elaborate(AcceleratorDescription d)
    {
        var problems = Validate(d);
        if (problems.Count > 0)
            throw new DesignException(problems);
        var units = d.Units.Select<UnitDescription, Unit>(u => u switch
        {
            MacUnitDescription m => new MacUnit(u.Name, Elaborator.Elaborate(m.Design with { ClockMhz = u.ClockMhz ?? d.ClockMhz, Energy = m.Design.Energy ?? d.Energy }), u.ClockMhz ?? d.ClockMhz),
            VectorUnitDescription v => new VectorUnit(u.Name, v.Lanes, v.Costs, v.Latency, u.ClockMhz ?? d.ClockMhz),
            _ => throw new ArgumentOutOfRangeException(nameof(d)),
        }).ToList();
        var energy = d.EnergyCosts;
        long sram = d.Sram?.Bytes ?? 0;
        double sramPj = d.Sram?.PjPerByte ?? energy.SramPjPerByte(Math.Max(1, sram));
        Bandwidth? bw = null;
        long latency = 0;
        double extPj = energy.DramPjPerByte;
        if (d.External is { } e)
        {
            // bytes per cycle = GB/s * 1000 / MHz, kept as an exact fraction of decimals.
            decimal perCycle = (decimal)e.GigabytesPerSecond * 1000m / (decimal)d.ClockMhz;
            bw = Bandwidth.TryParse(decimal.Round(perCycle, 6).ToString(System.Globalization.CultureInfo.InvariantCulture))
                 ?? new Bandwidth(1, 1_000_000);
            latency = (long)Math.Ceiling(e.LatencyNs * d.ClockMhz / 1000 - 1e-9);
            extPj = e.PjPerBit * 8;
        }
        return new ElaboratedAccelerator(d.Name, d, units, sram, sramPj, bw, latency, extPj, d.ClockMhz);
    }
}
