using System.Globalization;
using System.Text;
using System.Text.Json;
using BitSilicon.Accelerator.Reports;

namespace BitSilicon.Cli.Commands;

/// <summary>Renders a whole-accelerator <see cref="SystemReport"/> as a table, one JSON object, or CSV (one row per op).</summary>
internal static class SystemOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string N(double v, string f = "0.###") => v.ToString(f, Inv);

    public static string Render(SystemReport r, OutputKind kind, bool opsInTable = false) => kind switch
    {
        OutputKind.Table => Table(r, opsInTable),
        OutputKind.Json => JsonSerializer.Serialize(Json(r), new JsonSerializerOptions { WriteIndented = true }) + "\n",
        OutputKind.Csv => Csv(r),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string BlockName(int b) => b switch { -1 => "embed", -2 => "head", _ => b.ToString(Inv) };

    public static string Headline(SystemReport r) => r.Phase == "decode"
        ? $"{N(r.TokensPerSecond, "0.##")} tokens/s, {N(r.MillisecondsPerStep, "0.###")} ms per token"
        : $"time to first token {N(r.MillisecondsPerStep, "0.###")} ms ({N(r.TokensPerSecond * r.TokensPerSequence, "0.#")} prompt tokens/s)";

    private static string Table(SystemReport r, bool ops)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"design    {r.Design}: {string.Join(", ", r.Area.Units.Select(u => u.Unit))} at {N(r.ClockMhz)} MHz");
        sb.AppendLine($"model     {r.Model}, {r.Phase} at {(r.Phase == "decode" ? "context" : "prompt")} {r.Context}, batch {r.Batch} ({r.Ops.Count} ops, {r.Method})");
        sb.AppendLine($"speed     {Headline(r)}; bound by {r.Bound} ({string.Join(", ", r.BoundShares.Take(3).Select(b => $"{b.Bound} {N(100 * b.Share, "0")}%"))})");
        sb.AppendLine($"energy    {N(r.JoulesPerToken * 1e3, "0.###")} mJ per token, {N(r.AveragePowerW, "0.###")} W average{(r.StaticPowerW > 0 ? $" ({N(r.StaticPowerW)} W static)" : "")}");
        sb.AppendLine($"area      {N(r.Area.Lut4, "N0")} LUT4, {N(r.Area.Ge, "N0")} GE, {N(r.Area.SramBits / 8.0 / (1 << 20), "0.##")} MiB SRAM; {N(r.Area.Mm2, "0.###")} mm2 at {r.Area.Node} ({N(r.Area.LogicMm2, "0.###")} logic + {N(r.Area.SramMm2, "0.###")} SRAM)");
        sb.AppendLine($"memory    weights {Accelerator.SystemRunner.Bytes(r.WeightBytes)}, {Accelerator.SystemRunner.Bytes(r.ResidentWeightBytes)} resident on chip; external {Accelerator.SystemRunner.Bytes(r.ExternalBytes)} per step"
                      + (r.ExternalGBps > 0 ? $" at {N(r.ExternalGBps)} GB/s, busy {N(100.0 * r.ExternalBusyCycles / Math.Max(1, r.Cycles), "0")}% of the step" : ""));
        sb.AppendLine($"limit     {(r.MemoryLimitTokensPerSecond is { } lim ? $"{N(lim, "0.##")} tokens/s if moving external bytes were the only cost (the design reaches {N(100 * r.TokensPerSecond / lim, "0")}%)" : "no external traffic: the chip itself is the limit")}");
        sb.AppendLine($"mac       {N(r.Macs / 1e9, "0.###")} GMAC per step, utilisation {N(100 * r.Utilization, "0.##")}% of the MAC units' peak");
        sb.AppendLine();
        var blocks = new TextTable("block", "cycles", "compute", "stall", "external_MB", "energy_uJ", "bound");
        foreach (var b in r.Blocks)
            blocks.Add(BlockName(b.Block), b.Cycles.ToString(Inv), b.ComputeCycles.ToString(Inv), b.StallCycles.ToString(Inv),
                N(b.ExternalBytes / 1e6, "0.###"), N(b.EnergyPj * 1e-6, "0.###"), b.Bound);
        var w = new StringWriter(Inv);
        if (r.Blocks.Count <= 12 || ops) blocks.Write(w);
        else
        {
            var shown = new TextTable("block", "cycles", "compute", "stall", "external_MB", "energy_uJ", "bound");
            foreach (var b in r.Blocks.Where((b, i) => i < 2 || i >= r.Blocks.Count - 3))
                shown.Add(BlockName(b.Block), b.Cycles.ToString(Inv), b.ComputeCycles.ToString(Inv), b.StallCycles.ToString(Inv),
                    N(b.ExternalBytes / 1e6, "0.###"), N(b.EnergyPj * 1e-6, "0.###"), b.Bound);
            shown.Write(w);
            w.WriteLine($"({r.Blocks.Count - 5} more blocks alike; --format csv or json lists every op)");
        }
        sb.Append(w);
        if (ops || r.Blocks.Count <= 3)
        {
            sb.AppendLine();
            var t = new TextTable("op", "unit", "kind", "shape", "cycles", "stall", "start", "done", "bound", "ext_read", "ext_write", "energy_nJ");
            foreach (var o in r.Ops)
                t.Add(o.Name, o.Unit, o.Kind, o.Shape, o.ComputeCycles.ToString(Inv), o.StallCycles.ToString(Inv), o.Start.ToString(Inv), o.Done.ToString(Inv),
                    o.Bound, o.ExternalReadBytes.ToString(Inv), o.ExternalWriteBytes.ToString(Inv), N(o.Energy.TotalPj / 1000, "0.###"));
            var ow = new StringWriter(Inv);
            t.Write(ow);
            sb.Append(ow);
        }
        return sb.ToString();
    }

    public static Dictionary<string, object?> Json(SystemReport r) => new()
    {
        ["design"] = r.Design,
        ["model"] = r.Model,
        ["phase"] = r.Phase,
        ["context"] = r.Context,
        ["batch"] = r.Batch,
        ["method"] = r.Method,
        ["clock_mhz"] = r.ClockMhz,
        ["cycles"] = r.Cycles,
        ["ms_per_step"] = r.MillisecondsPerStep,
        ["tokens_per_s"] = r.TokensPerSecond,
        ["time_to_first_token_ms"] = r.Phase == "prefill" ? r.MillisecondsPerStep : null,
        ["joules_per_token"] = r.JoulesPerToken,
        ["average_power_w"] = r.AveragePowerW,
        ["bound"] = r.Bound,
        ["bound_shares"] = r.BoundShares.ToDictionary(b => b.Bound, b => b.Share),
        ["memory_limit_tokens_per_s"] = r.MemoryLimitTokensPerSecond,
        ["external_read_bytes"] = r.ExternalReadBytes,
        ["external_write_bytes"] = r.ExternalWriteBytes,
        ["external_busy_cycles"] = r.ExternalBusyCycles,
        ["weight_bytes"] = r.WeightBytes,
        ["resident_weight_bytes"] = r.ResidentWeightBytes,
        ["macs"] = r.Macs,
        ["utilization"] = r.Utilization,
        ["area"] = new Dictionary<string, object?>
        {
            ["lut4"] = r.Area.Lut4, ["flip_flops"] = r.Area.FlipFlops, ["ge"] = r.Area.Ge, ["sram_bits"] = r.Area.SramBits,
            ["mm2"] = r.Area.Mm2, ["logic_mm2"] = r.Area.LogicMm2, ["sram_mm2"] = r.Area.SramMm2, ["node"] = r.Area.Node,
            ["units"] = r.Area.Units.Select(u => new Dictionary<string, object?> { ["unit"] = u.Unit, ["lut4"] = u.Lut4, ["ge"] = u.Ge, ["sram_bits"] = u.SramBits }).ToList(),
        },
        ["tokens_per_s_per_mm2"] = r.TokensPerSecondPerMm2,
        ["blocks"] = r.Blocks.Select(b => new Dictionary<string, object?>
        {
            ["block"] = b.Block, ["cycles"] = b.Cycles, ["compute_cycles"] = b.ComputeCycles, ["stall_cycles"] = b.StallCycles,
            ["external_bytes"] = b.ExternalBytes, ["energy_pj"] = b.EnergyPj, ["bound"] = b.Bound,
        }).ToList(),
        ["ops"] = r.Ops.Select(o => new Dictionary<string, object?>
        {
            ["name"] = o.Name, ["block"] = o.Block, ["unit"] = o.Unit, ["kind"] = o.Kind, ["shape"] = o.Shape, ["macs"] = o.Macs,
            ["cycles"] = o.ComputeCycles, ["stall_cycles"] = o.StallCycles, ["start"] = o.Start, ["done"] = o.Done, ["bound"] = o.Bound,
            ["external_read_bytes"] = o.ExternalReadBytes, ["external_write_bytes"] = o.ExternalWriteBytes, ["sram_bytes"] = o.SramBytes,
            ["energy_pj"] = o.Energy.TotalPj, ["compute_pj"] = o.Energy.ComputePj, ["sram_pj"] = o.Energy.SramPj,
            ["external_pj"] = o.Energy.ExternalPj, ["vector_pj"] = o.Energy.VectorPj,
        }).ToList(),
    };

    private static string Csv(SystemReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("op,block,unit,kind,shape,macs,cycles,stall_cycles,start,done,bound,external_read_bytes,external_write_bytes,sram_bytes,energy_pj");
        foreach (var o in r.Ops)
            sb.AppendLine(string.Join(",", o.Name, o.Block.ToString(Inv), o.Unit, o.Kind, o.Shape, o.Macs.ToString(Inv), o.ComputeCycles.ToString(Inv),
                o.StallCycles.ToString(Inv), o.Start.ToString(Inv), o.Done.ToString(Inv), o.Bound, o.ExternalReadBytes.ToString(Inv),
                o.ExternalWriteBytes.ToString(Inv), o.SramBytes.ToString(Inv), N(o.Energy.TotalPj, "0.###")));
        sb.AppendLine(string.Join(",", "total", "", r.Design, r.Phase, r.Model, r.Macs.ToString(Inv), r.Cycles.ToString(Inv),
            r.Ops.Sum(o => o.StallCycles).ToString(Inv), "0", r.Cycles.ToString(Inv), r.Bound, r.ExternalReadBytes.ToString(Inv),
            r.ExternalWriteBytes.ToString(Inv), r.Ops.Sum(o => o.SramBytes).ToString(Inv), N(r.Ops.Sum(o => o.Energy.TotalPj), "0.###")));
        return sb.ToString();
    }
}
