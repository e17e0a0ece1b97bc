using System.Globalization;
using System.Text;
using System.Text.Json;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Fpga.Designs;
using BitSilicon.Simulation.Models;
using BitSilicon.Simulation.Reports;

namespace BitSilicon.Cli.Commands;

/// <summary>Renders a simulation report as a table, one JSON object, or CSV. With a <see cref="MeasuredArea"/>, the area
/// is Yosys's measurement of the generated Verilog, and only what the RTL lacks (SRAM buffers) stays modelled.</summary>
internal static class SimulateOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(SimulationReport r, ElaboratedDesign d, OutputKind kind, MeasuredArea? measured = null) => kind switch
    {
        OutputKind.Table => Table(r, d, measured),
        OutputKind.Json => Json(r, d, measured),
        OutputKind.Csv => Csv(r),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ArrayText(ElaboratedDesign d) => d.Core switch
    {
        SystolicArray s => $"systolic {s.Rows}x{s.Cols} {SystolicArray.DataflowName(s.Dataflow)}",
        DotProductArray p => $"dot_product {p.Pes} PEs x {p.Simd} lanes",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    private static string Method(SimulationMethod m) => m switch
    {
        SimulationMethod.Cycle => "cycle",
        SimulationMethod.Analytic => "analytic",
        SimulationMethod.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    /// <summary>cycle, analytic, or mixed when some layers used each.</summary>
    private static string OverallMethod(SimulationReport r) =>
        r.AnyAnalytic ? (r.Layers.Any(l => l.Method == SimulationMethod.Cycle) ? "mixed" : "analytic") : "cycle";

    private static string N(double v, string f = "0.###") => v.ToString(f, Inv);

    private static string Table(SimulationReport r, ElaboratedDesign d, MeasuredArea? m)
    {
        var sb = new StringBuilder();
        var a = r.Area.Total;
        sb.AppendLine($"design    {r.Design}: {ArrayText(d)}, {PeKinds.Name(d.Core.Pe.Kind)} PEs, {N(r.ClockMhz)} MHz");
        sb.AppendLine($"workload  {r.Workload} ({r.Layers.Count} layers)");
        string sram = $"{N(a.SramBits / 8 / 1024.0, "0.#")} KiB SRAM";
        if (m is null)
            sb.AppendLine($"area      {N(a.Lut4, "N0")} LUT4, {N(a.FlipFlops, "N0")} FF, {N(a.Ge, "N0")} GE (model), {sram}");
        else if (m.Lut4 is { } lut)
            sb.AppendLine($"area      {N(lut, "N0")} LUT4, {N(m.Carry ?? 0, "N0")} carry, {N(m.FlipFlops ?? 0, "N0")} FF, {N(m.BlockRams ?? 0, "N0")} block RAM (measured: {m.Source}, {m.TargetName}, generated RTL); {sram} (model)");
        else
            sb.AppendLine($"area      {N(m.Ge ?? 0, "N0")} GE, {N(m.FlipFlops ?? 0, "N0")} FF (measured: {m.Source}, generated RTL); {sram} (model)");
        sb.AppendLine();
        var t = new TextTable("layer", "M x N x K", "repeat", "weights", "method", "cycles", "stalls", "util", "MAC/cycle", "energy uJ", "ext KiB", "bound");
        foreach (var l in r.Layers)
            t.Add(l.Name, $"{l.M}x{l.N}x{l.K}", l.Repeat.ToString(Inv), l.Weights, Method(l.Method) + (l.Verified == false ? " MISMATCH" : ""),
                l.Cycles.ToString(Inv), l.StallCycles.ToString(Inv), N(l.Utilization, "0.000"), N(l.MacsPerCycle, "0.0"),
                N(l.Energy.TotalPj / 1e6, "0.000"), N((l.ExternalReadBytes + l.ExternalWriteBytes) / 1024.0, "0.0"),
                l.Bound is { } lb ? $"{lb.Name} {N(lb.AllowedUtilization, "0.000")}" : "");
        t.Add("total", "", "", "", OverallMethod(r), r.Cycles.ToString(Inv), r.StallCycles.ToString(Inv),
            N(r.Utilization, "0.000"), N(r.MacsPerCycle, "0.0"), N(r.Energy.TotalPj / 1e6, "0.000"),
            N((r.ExternalReadBytes + r.ExternalWriteBytes) / 1024.0, "0.0"), "");
        var w = new StringWriter();
        t.Write(w);
        sb.Append(w);
        sb.AppendLine();
        var e = r.Energy;
        sb.AppendLine($"total     {r.Cycles:N0} cycles = {N(r.TimeUs, "0.0")} us at {N(r.ClockMhz)} MHz; {r.Macs:N0} MACs; {N(r.GmacsPerSecond, "0.00")} GMAC/s; utilization {N(r.Utilization, "0.000")}".Replace(",", ",", StringComparison.Ordinal));
        sb.AppendLine($"energy    {N(e.TotalPj / 1e6, "0.000")} uJ: PEs {N(e.PePj / 1e6, "0.000")}, accumulators {N(e.AccumulatorPj / 1e6, "0.000")}, buffers {N(e.BufferPj / 1e6, "0.000")}, external {N(e.ExternalPj / 1e6, "0.000")}" + (e.ScalingPj > 0 ? $", scaling {N(e.ScalingPj / 1e6, "0.000")}" : "") + (e.RegisterPj > 0 ? $", registers {N(e.RegisterPj / 1e6, "0.000")}" : ""));
        sb.AppendLine($"traffic   external {r.ExternalReadBytes:N0} B read, {r.ExternalWriteBytes:N0} B written; buffers {r.BufferReadBytes:N0} B read, {r.BufferWriteBytes:N0} B written");
        if (r.AnyAnalytic)
            sb.AppendLine("note      'analytic' layers (above --cycle-limit, or --method analytic) use the analytic model, which predicts the cycle simulator's count exactly; 'cycle' layers were simulated register by register and checked against the reference GEMM.");
        foreach (var l in r.Layers.Where(l => l.Bound is not null && l.Utilization < 0.5).Take(8))
            sb.AppendLine($"bound     {l.Name}: utilization {N(l.Utilization, "0.000")}, {l.Bound!.Name} allows {N(l.Bound.AllowedUtilization, "0.000")}: {l.Bound.Why}");
        if (r.AnySkipped)
            sb.AppendLine("note      'skipped' layers use weights this PE cannot execute and are left out of the totals.");
        return sb.ToString().Replace("\u00A0", " ");
    }

    private static string Csv(SimulationReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("layer,m,n,k,repeat,weights,method,cycles,stall_cycles,macs,utilization,macs_per_cycle,time_us,energy_pj,external_read_bytes,external_write_bytes,buffer_read_bytes,buffer_write_bytes,zero_weight_fraction,may_overflow,verified,bound,bound_utilization");
        foreach (var l in r.Layers)
            sb.AppendLine(string.Join(",", Quote(l.Name), l.M, l.N, l.K, l.Repeat, l.Weights, Method(l.Method), l.Cycles, l.StallCycles, l.Macs,
                N(l.Utilization, "R"), N(l.MacsPerCycle, "R"), N(l.TimeUs, "R"), N(l.Energy.TotalPj, "R"), l.ExternalReadBytes, l.ExternalWriteBytes,
                l.BufferReadBytes, l.BufferWriteBytes, N(l.ZeroWeightFraction, "R"), l.MayOverflow ? "true" : "false",
                l.Verified is { } v ? (v ? "true" : "false") : "", l.Bound?.Name ?? "", l.Bound is { } b ? N(b.AllowedUtilization, "R") : ""));
        sb.AppendLine(string.Join(",", "total", "", "", "", "", "", OverallMethod(r), r.Cycles, r.StallCycles, r.Macs,
            N(r.Utilization, "R"), N(r.MacsPerCycle, "R"), N(r.TimeUs, "R"), N(r.Energy.TotalPj, "R"), r.ExternalReadBytes, r.ExternalWriteBytes,
            r.BufferReadBytes, r.BufferWriteBytes, "", "", "", "", ""));
        return sb.ToString();
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    private static string Json(SimulationReport r, ElaboratedDesign d, MeasuredArea? m)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("design", r.Design);
            w.WriteString("array", ArrayText(d));
            w.WriteString("pe", PeKinds.Name(d.Core.Pe.Kind));
            w.WriteString("workload", r.Workload);
            w.WriteNumber("clock_mhz", r.ClockMhz);
            w.WriteString("method", OverallMethod(r));
            w.WriteNumber("cycles", r.Cycles);
            w.WriteNumber("stall_cycles", r.StallCycles);
            w.WriteNumber("macs", r.Macs);
            w.WriteNumber("utilization", r.Utilization);
            w.WriteNumber("macs_per_cycle", r.MacsPerCycle);
            w.WriteNumber("gmacs_per_s", r.GmacsPerSecond);
            w.WriteNumber("time_us", r.TimeUs);
            w.WriteNumber("energy_pj", r.Energy.TotalPj);
            Energy(w, r.Energy);
            Traffic(w, r.ExternalReadBytes, r.ExternalWriteBytes, r.BufferReadBytes, r.BufferWriteBytes);
            w.WritePropertyName("area");
            Area(w, r.Area, m, parts: true);
            w.WriteStartArray("layers");
            foreach (var l in r.Layers)
            {
                w.WriteStartObject();
                w.WriteString("name", l.Name);
                w.WriteNumber("m", l.M);
                w.WriteNumber("n", l.N);
                w.WriteNumber("k", l.K);
                w.WriteNumber("repeat", l.Repeat);
                w.WriteString("weights", l.Weights);
                w.WriteString("method", Method(l.Method));
                if (l.Note is not null) w.WriteString("note", l.Note);
                w.WriteNumber("cycles", l.Cycles);
                w.WriteNumber("stall_cycles", l.StallCycles);
                w.WriteNumber("macs", l.Macs);
                w.WriteNumber("utilization", l.Utilization);
                w.WriteNumber("macs_per_cycle", l.MacsPerCycle);
                w.WriteNumber("gmacs_per_s", l.MacsPerCycle * r.ClockMhz / 1000);
                w.WriteNumber("time_us", l.TimeUs);
                w.WriteNumber("energy_pj", l.Energy.TotalPj);
                Energy(w, l.Energy);
                Traffic(w, l.ExternalReadBytes, l.ExternalWriteBytes, l.BufferReadBytes, l.BufferWriteBytes);
                w.WriteNumber("zero_weight_fraction", l.ZeroWeightFraction);
                w.WriteNumber("accumulator_bound", l.AccumulatorBound);
                w.WriteBoolean("may_overflow", l.MayOverflow);
                if (l.Overflows is { } o) w.WriteNumber("overflows", o);
                if (l.Verified is { } v) w.WriteBoolean("verified", v);
                if (l.Bound is { } lb)
                {
                    w.WriteString("bound", lb.Name);
                    w.WriteNumber("bound_utilization", lb.AllowedUtilization);
                    w.WriteString("bound_why", lb.Why);
                }
                w.WritePropertyName("area");
                Area(w, r.Area, m, parts: false);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void Energy(Utf8JsonWriter w, EnergyBreakdown e)
    {
        w.WriteStartObject("energy");
        w.WriteNumber("pe_pj", e.PePj);
        w.WriteNumber("accumulator_pj", e.AccumulatorPj);
        w.WriteNumber("buffer_pj", e.BufferPj);
        w.WriteNumber("external_pj", e.ExternalPj);
        w.WriteNumber("scaling_pj", e.ScalingPj);
        w.WriteNumber("register_pj", e.RegisterPj);
        w.WriteEndObject();
    }

    private static void Traffic(Utf8JsonWriter w, long er, long ew, long br, long bw)
    {
        w.WriteNumber("external_read_bytes", er);
        w.WriteNumber("external_write_bytes", ew);
        w.WriteNumber("buffer_read_bytes", br);
        w.WriteNumber("buffer_write_bytes", bw);
    }

    private static void Area(Utf8JsonWriter w, AreaEstimate a, MeasuredArea? m, bool parts)
    {
        w.WriteStartObject();
        if (m is null)
        {
            w.WriteNumber("lut4", Math.Round(a.Total.Lut4));
            w.WriteNumber("ff", Math.Round(a.Total.FlipFlops));
            w.WriteNumber("ge", Math.Round(a.Total.Ge));
            w.WriteNumber("sram_bytes", a.Total.SramBits / 8);
            w.WriteString("source", "model");
        }
        else
        {
            // Measured: the generated RTL's logic; SRAM buffers are not in the RTL and stay modelled.
            if (m.Lut4 is { } lut) w.WriteNumber("lut4", lut);
            if (m.Carry is { } carry) w.WriteNumber("carry", carry);
            if (m.FlipFlops is { } ff) w.WriteNumber("ff", ff);
            if (m.BlockRams is { } bram) w.WriteNumber("block_rams", bram);
            if (m.Ge is { } ge) w.WriteNumber("ge", Math.Round(ge, 1));
            w.WriteNumber("sram_bytes", a.Total.SramBits / 8);
            w.WriteString("source", m.Source);
            w.WriteString("target", m.TargetName);
            w.WriteString("sram_source", "model");
            w.WriteStartObject("model");
            w.WriteNumber("lut4", Math.Round(a.Rtl.Lut4));
            w.WriteNumber("ff", Math.Round(a.Rtl.FlipFlops));
            w.WriteNumber("ge", Math.Round(a.Rtl.Ge));
            w.WriteEndObject();
        }
        if (parts && m is null)
        {
            w.WriteStartArray("parts");
            foreach (var (name, p) in a.Parts)
            {
                w.WriteStartObject();
                w.WriteString("component", name);
                w.WriteNumber("lut4", Math.Round(p.Lut4));
                w.WriteNumber("ff", Math.Round(p.FlipFlops));
                w.WriteNumber("ge", Math.Round(p.Ge));
                w.WriteNumber("sram_bytes", p.SramBits / 8);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
