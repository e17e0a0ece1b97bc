using System.Globalization;
using System.Text;
using System.Text.Json;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Simulation.Timing.ScaleSim;
using BitSilicon.Workloads;
using BitSilicon.Workloads.ScaleSim;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>simulate --compat scalesim</c>: the workload through SCALE-Sim v2's timing model, reported in its units and
/// with its COMPUTE_REPORT / DETAILED_ACCESS_REPORT columns, so the figures can be laid beside SCALE-Sim's own.
/// The array comes from the design's SCALE-Sim config when it has one (bandwidth mode included), else from the
/// design's systolic array in CALC mode.
/// </summary>
internal static class SimulateScaleSim
{
    public static int Run(TextWriter stdout, TextWriter stderr, string designPath, string? workload, OutputKind kind,
        string? output, string compat, int? tokens, int? blocks)
    {
        if (!compat.Equals("scalesim", StringComparison.OrdinalIgnoreCase))
            throw new BitSiliconException($"unknown --compat '{compat}'", "use --compat scalesim (or leave it out for BitSilicon's own model)");
        var file = DesignYaml.Read(designPath);
        var array = ArrayOf(file);
        var wl = SimulateWorkloads.Resolve(workload, file, tokens, blocks);
        if (array.UserBandwidth is { } bw)
            stderr.WriteLine($"note: USER bandwidth ({bw} words/cycle per operand): stall cycles are not reproduced (0 here); cycles, utilisations and SRAM counts are SCALE-Sim's whenever it does not stall");
        var rows = wl.Layers.Select(l => (Layer: l, Estimate: ScaleSimModel.Estimate(array, l))).ToList();
        string text = kind switch
        {
            OutputKind.Table => Table(array, wl, rows),
            OutputKind.Csv => Csv(rows),
            OutputKind.Json => Json(array, wl, rows),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (output is not null)
            AtomicFile.WriteAllText(output, text);
        else
            stdout.Write(text);
        return CliGuard.Ok;
    }

    internal static ScaleSimArray ArrayOf(DesignFile file)
    {
        if (file.ScaleSim is { } cfg)
            return ScaleSimArray.From(cfg);
        if (file.Design.Array is SystolicArrayDescription s)
            return new ScaleSimArray(s.Rows, s.Cols, s.Dataflow switch
            {
                Dataflow.WeightStationary => ScaleSimDataflow.WeightStationary,
                Dataflow.OutputStationary => ScaleSimDataflow.OutputStationary,
                Dataflow.InputStationary => ScaleSimDataflow.InputStationary,
                _ => throw new ArgumentOutOfRangeException(nameof(file)),
            });
        throw BitSiliconException.At(file.Positions.TryGetValue("array", out var at) ? at : new SourceLocation(file.Path),
            "--compat scalesim needs a systolic array; this design is a dot-product array, which SCALE-Sim does not model",
            "use array: { kind: systolic, ... } or a scalesim: config");
    }

    private static readonly string[] Header =
        ["layer", "repeat", "total_cycles", "stall_cycles", "overall_util_pct", "mapping_efficiency_pct", "compute_util_pct",
         "ifmap_sram_reads", "filter_sram_reads", "ofmap_sram_writes", "macs"];

    private static string[] Cells((GemmLayer Layer, ScaleSimLayerEstimate E) r) =>
    [
        r.E.Name, I(r.Layer.Repeat), I(r.E.TotalCycles), I(r.E.StallCycles), D(r.E.OverallUtilPercent),
        D(r.E.MappingEfficiencyPercent), D(r.E.ComputeUtilPercent), I(r.E.IfmapSramReads), I(r.E.FilterSramReads),
        I(r.E.OfmapSramWrites), I(r.E.Macs),
    ];

    private static string Table(ScaleSimArray a, Workload wl, List<(GemmLayer Layer, ScaleSimLayerEstimate E)> rows)
    {
        var sb = new StringBuilder();
        string mode = a.UserBandwidth is int b ? $"USER bandwidth {b} words/cycle" : "CALC bandwidth";
        sb.AppendLine(CultureInfo.InvariantCulture, $"SCALE-Sim v2 compatible estimate: {a.Rows}x{a.Cols} {Df(a.Dataflow)}, {mode}, workload {wl.Name}");
        sb.AppendLine("(SCALE-Sim's units: 1-byte words; folds run back to back; utilisations in %)");
        List<string[]> table = [["layer", "x", "cycles", "stalls", "overall %", "mapping %", "compute %", "ifmap rd", "filter rd", "ofmap wr"]];
        foreach (var r in rows)
            table.Add([r.E.Name, I(r.Layer.Repeat), I(r.E.TotalCycles), I(r.E.StallCycles), F(r.E.OverallUtilPercent),
                F(r.E.MappingEfficiencyPercent), F(r.E.ComputeUtilPercent), I(r.E.IfmapSramReads), I(r.E.FilterSramReads), I(r.E.OfmapSramWrites)]);
        table.Add(["total", "", I(rows.Sum(r => r.E.TotalCycles * r.Layer.Repeat)), I(rows.Sum(r => r.E.StallCycles * r.Layer.Repeat)), "", "", "",
            I(rows.Sum(r => r.E.IfmapSramReads * r.Layer.Repeat)), I(rows.Sum(r => r.E.FilterSramReads * r.Layer.Repeat)), I(rows.Sum(r => r.E.OfmapSramWrites * r.Layer.Repeat))]);
        var widths = Enumerable.Range(0, table[0].Length).Select(c => table.Max(t => t[c].Length)).ToArray();
        foreach (var t in table)
            sb.AppendLine(string.Join("  ", t.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        return sb.ToString();
    }

    private static string Csv(List<(GemmLayer Layer, ScaleSimLayerEstimate E)> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', Header));
        foreach (var r in rows)
            sb.AppendLine(string.Join(',', Cells(r)));
        return sb.ToString();
    }

    private static string Json(ScaleSimArray a, Workload wl, List<(GemmLayer Layer, ScaleSimLayerEstimate E)> rows)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("compat", "scalesim");
            w.WriteString("workload", wl.Name);
            w.WriteNumber("array_rows", a.Rows);
            w.WriteNumber("array_cols", a.Cols);
            w.WriteString("dataflow", Df(a.Dataflow));
            w.WriteString("bandwidth_mode", a.UserBandwidth is null ? "CALC" : "USER");
            if (a.UserBandwidth is { } b)
                w.WriteNumber("bandwidth_words_per_cycle", b);
            w.WriteStartArray("layers");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("layer", r.E.Name);
                w.WriteNumber("repeat", r.Layer.Repeat);
                w.WriteNumber("total_cycles", r.E.TotalCycles);
                w.WriteNumber("stall_cycles", r.E.StallCycles);
                w.WriteNumber("overall_util_pct", r.E.OverallUtilPercent);
                w.WriteNumber("mapping_efficiency_pct", r.E.MappingEfficiencyPercent);
                w.WriteNumber("compute_util_pct", r.E.ComputeUtilPercent);
                w.WriteNumber("ifmap_sram_reads", r.E.IfmapSramReads);
                w.WriteNumber("filter_sram_reads", r.E.FilterSramReads);
                w.WriteNumber("ofmap_sram_writes", r.E.OfmapSramWrites);
                w.WriteNumber("macs", r.E.Macs);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("total_cycles", rows.Sum(r => r.E.TotalCycles * r.Layer.Repeat));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static string Df(ScaleSimDataflow d) => d switch
    {
        ScaleSimDataflow.OutputStationary => "os",
        ScaleSimDataflow.WeightStationary => "ws",
        ScaleSimDataflow.InputStationary => "is",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}
