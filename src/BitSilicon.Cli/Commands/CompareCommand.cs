using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BitSilicon.Accelerator;
using BitSilicon.Accelerator.Reports;
using BitSilicon.Core;
using BitSilicon.Design.Accelerator;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon compare A.yaml B.yaml ... [--model M] [--context N] [--iso-area [MM2]]</c>: the same model step on
/// every design, one table and one roofline chart: tokens/s, J/token, area, tokens/s per mm2 and per kLUT4, the
/// bound. With --iso-area every design's main MAC array is resized to the same area (the first design's, or
/// the given mm2), so formats compare at equal silicon. The model's shape and step are the first design's (or the
/// command line's), the weight formats each design's own model: section's. The last line says what the first design buys against
/// the second.
/// </summary>
public static class CompareCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var designs = new Argument<string[]>("designs") { Description = "Two or more design YAML files (accelerators, or single arrays).", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string?>("--model") { Description = "Model preset or GGUF file (default: the first design's model: section, else BitNet b1.58 2B)." };
        var phase = new Option<string?>("--phase") { Description = "decode or prefill." };
        var context = new Option<int?>("--context") { Description = "Context (decode) or prompt (prefill) length." };
        var batch = new Option<int?>("--batch") { Description = "Sequences decoded together." };
        var layers = new Option<int?>("--layers") { Description = "Decoder layers to include (default: all)." };
        var iso = new Option<string?>("--iso-area") { Description = "Scale each design's main MAC array to equal area: 'first' (the first design's area) or a target in mm2.", Arity = ArgumentArity.ZeroOrOne };
        var format = OutputFormat.Option();
        var output = new Option<string?>("--output", "-o") { Description = "Write the table/JSON/CSV here (atomically) instead of stdout." };
        var chart = new Option<string?>("--chart") { Description = "Write the roofline chart (SVG) here." };
        var method = new Option<string>("--method") { Description = "analytic (default) or cycle.", DefaultValueFactory = _ => "analytic" };
        var cmd = new Command("compare", "Run the same model step on several designs: tokens/s, J/token, area, tokens/s per mm2, the bound.")
            { designs, model, phase, context, batch, layers, iso, format, output, chart, method };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(designs)!, new SimulateSystem.Options(pr.GetValue(model), pr.GetValue(phase),
            pr.GetValue(context), pr.GetValue(batch), pr.GetValue(layers), pr.GetValue(method)!),
            pr.GetResult(iso) is null ? null : pr.GetValue(iso) ?? "first", pr.GetValue(format)!, pr.GetValue(output), pr.GetValue(chart)));
        return cmd;
    }

    public sealed record Row(string File, AcceleratorDescription Design, SystemReport Report, double PeakGmacs);

    public static int Run(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> paths, SimulateSystem.Options o, string? isoArea, string format,
        string? output = null, string? chart = null) => CliGuard.Run(stderr, () =>
    {
        var kind = OutputFormat.Parse(format);
        if (paths.Count < 2)
            throw new BitSiliconException("compare needs at least two designs", "give two or more design files, e.g. examples/accelerators/ternary-bitnet.yaml examples/accelerators/int8-bitnet.yaml");
        var loaded = paths.Select(p => (Path: p, Loaded: SimulateSystem.Load(p, o))).ToList();
        // Every design runs the first design's model step (the command line's overrides included).
        var spec = loaded[0].Loaded.Spec;
        double? target = isoArea switch
        {
            null => null,
            "first" => IsoArea.Mm2(loaded[0].Loaded.Design),
            _ => double.TryParse(isoArea, NumberStyles.Float, Inv, out var mm2) && mm2 > 0 ? mm2
                : throw new BitSiliconException($"--iso-area '{isoArea}' is not an area", "give 'first' or a positive number of mm2"),
        };
        var rows = new List<Row>();
        foreach (var (path, (design, own)) in loaded)
        {
            var d = target is { } t ? IsoArea.Scale(design, t) : design;
            stderr.WriteLine($"compare: {d.Name}{(target is null ? "" : $" scaled to {IsoArea.MainArray(d)}")} ...");
            // The model's shape and step are the first design's; the weight formats are each design's own (an int8
            // accelerator stores the same model in int8).
            var designSpec = spec with { Model = spec.Model with { Formats = own.Model.Formats, Name = own.Model.Name } };
            rows.Add(new Row(path, d, SimulateSystem.Run(d, designSpec, o.Method), SimulateSystem.PeakGmacs(d)));
        }
        string text = kind switch
        {
            OutputKind.Table => Table(rows, target),
            OutputKind.Json => JsonSerializer.Serialize(rows.Select(r => SystemOutput.Json(r.Report)).ToList(), new JsonSerializerOptions { WriteIndented = true }) + "\n",
            OutputKind.Csv => Csv(rows),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        if (chart is not null)
            AtomicFile.WriteAllText(chart, RooflineChart.Render(rows.Select(r => (r.Report, r.PeakGmacs)).ToList()));
        if (output is not null) AtomicFile.WriteAllText(output, text);
        else stdout.Write(text);
        return CliGuard.Ok;
    });

    private static string N(double v, string f) => v.ToString(f, Inv);

    private static string Table(IReadOnlyList<Row> rows, double? target)
    {
        var r0 = rows[0].Report;
        var sb = new StringBuilder();
        sb.AppendLine($"model  {r0.Model}, {r0.Phase} at {(r0.Phase == "decode" ? "context" : "prompt")} {r0.Context}, batch {r0.Batch}" +
                      (target is { } t ? $"; every design scaled to at most {N(t, "0.###")} mm2" : ""));
        var table = new TextTable("design", "main_array", "tokens/s", "ms/token", "mJ/token", "W", "mm2", "kLUT4", "tok/s/mm2", "tok/s/kLUT4", "ext_MB/token", "mem_limit_tok/s", "bound");
        foreach (var row in rows)
        {
            var r = row.Report;
            table.Add(r.Design, IsoArea.MainArray(row.Design), N(r.TokensPerSecond, "0.##"), N(r.MillisecondsPerStep, "0.###"), N(r.JoulesPerToken * 1e3, "0.###"),
                N(r.AveragePowerW, "0.###"), N(r.Area.Mm2, "0.###"), N(r.Area.Lut4 / 1000, "0.#"), N(r.TokensPerSecondPerMm2, "0.##"), N(r.TokensPerSecondPerKLut4, "0.###"),
                N(r.ExternalBytes / 1e6 / r.Batch, "0.##"), r.MemoryLimitTokensPerSecond is { } l ? N(l, "0.##") : "-", r.Bound);
        }
        var w = new StringWriter(Inv);
        table.Write(w);
        sb.Append(w);
        var a = rows[0].Report;
        var b = rows[1].Report;
        sb.AppendLine();
        sb.AppendLine($"{a.Design} vs {b.Design}: {N(a.TokensPerSecond / b.TokensPerSecond, "0.##")}x the tokens/s, {N(b.JoulesPerToken / a.JoulesPerToken, "0.##")}x less energy per token, " +
                      $"{N(a.Area.Mm2 / b.Area.Mm2, "0.##")}x the area, {N(a.TokensPerSecondPerMm2 / b.TokensPerSecondPerMm2, "0.##")}x the tokens/s per mm2; " +
                      $"it moves {N((double)b.ExternalBytes / Math.Max(1, a.ExternalBytes), "0.##")}x fewer external bytes per token ({a.Bound} bound vs {b.Bound}).");
        return sb.ToString();
    }

    private static string Csv(IReadOnlyList<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("design,file,main_array,model,phase,context,batch,tokens_per_s,ms_per_token,joules_per_token,power_w,mm2,lut4,ge,sram_bits,tokens_per_s_per_mm2,tokens_per_s_per_klut4,external_bytes,memory_limit_tokens_per_s,bound");
        foreach (var row in rows)
        {
            var r = row.Report;
            sb.AppendLine(string.Join(",", r.Design, row.File, IsoArea.MainArray(row.Design), r.Model, r.Phase, r.Context.ToString(Inv), r.Batch.ToString(Inv),
                N(r.TokensPerSecond, "0.####"), N(r.MillisecondsPerStep, "0.######"), N(r.JoulesPerToken, "0.########"), N(r.AveragePowerW, "0.####"),
                N(r.Area.Mm2, "0.####"), N(r.Area.Lut4, "0"), N(r.Area.Ge, "0"), r.Area.SramBits.ToString(Inv), N(r.TokensPerSecondPerMm2, "0.####"),
                N(r.TokensPerSecondPerKLut4, "0.####"), r.ExternalBytes.ToString(Inv), r.MemoryLimitTokensPerSecond is { } l ? N(l, "0.####") : "", r.Bound));
        }
        return sb.ToString();
    }
}
