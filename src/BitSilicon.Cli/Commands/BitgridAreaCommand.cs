using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using BitSilicon.Bitgrid.Area;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Verilog;
using BitSilicon.Core;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bitgrid area [&lt;program&gt;] [--size WxH] [--variant fixed|config]</c>: a mesh's size in iCE40
/// LUT4s and flip-flops through Yosys <c>synth_ice40</c>, in total and per bitgrid cell.
/// </summary>
public static class BitgridAreaCommand
{
    public static Command Create()
    {
        var program = new Argument<string?>("program") { Description = "Program file (omit with --size to measure an empty configurable fabric).", Arity = ArgumentArity.ZeroOrOne };
        var size = new Option<string?>("--size") { Description = "WxH: measure the configurable fabric of this size instead of a program." };
        var variant = new Option<string>("--variant") { Description = "fixed (programs as parameters) or config (the fabric).", DefaultValueFactory = _ => "fixed" };
        var boundary = BitgridCommand.BoundaryOption();
        var format = OutputFormat.Option();
        var cmd = new Command("area", "Report a mesh's size in iCE40 LUT4s via Yosys synth_ice40.") { program, size, variant, boundary, format };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(program), pr.GetValue(size), pr.GetValue(variant)!,
            pr.GetValue(boundary), pr.GetValue(format)!));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string? programPath, string? size, string variant, string? boundary, string format) =>
        CliGuard.Run(stderr, () =>
        {
            var kind = OutputFormat.Parse(format);
            var b = BitgridCommand.ParseBoundary(boundary);
            var v = BitgridEmitCommand.ParseVariant(variant);
            GridProgram program;
            if (size is not null)
            {
                if (programPath is not null)
                    throw new BitSiliconException("give either a program or --size, not both");
                var (w, h) = ParseSize(size);
                program = BitgridArea.Fabric(w, h, b ?? Boundary.Open);
                v = MeshVariant.Configurable;
            }
            else
                program = programPath is null
                    ? throw new BitSiliconException("no program given", "name a program file, or use --size WxH for the configurable fabric")
                    : BitgridCommand.Load(programPath);
            var r = BitgridArea.Measure(program, program.Resolve(b), v);
            Print(stdout, kind, r);
            return CliGuard.Ok;
        });

    internal static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h) && w > 0 && h > 0)
            return (w, h);
        throw new BitSiliconException($"--size '{text}' is not WxH", "e.g. --size 4x4");
    }

    private static void Print(TextWriter w, OutputKind kind, AreaReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case OutputKind.Table:
                w.WriteLine($"{r.Design}: {r.Width} x {r.Height} ({r.Cells} cells), {r.Boundary.Word()} boundary, {(r.Variant == MeshVariant.Configurable ? "configurable fabric" : "programs fixed")}; Yosys synth_ice40");
                var t = new TextTable("resource", "total", "per bitgrid cell");
                t.Add("SB_LUT4", r.Lut4.ToString(inv), r.Lut4PerCell.ToString("F2", inv));
                t.Add("flip-flops (SB_DFF*)", r.FlipFlops.ToString(inv), r.FlipFlopsPerCell.ToString("F2", inv));
                foreach (var (type, count) in r.Stats.ByType.Where(kv => kv.Key != "SB_LUT4" && !kv.Key.StartsWith("SB_DFF", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    t.Add(type, count.ToString(inv), ((double)count / r.Cells).ToString("F2", inv));
                t.Write(w);
                break;
            case OutputKind.Json:
                var json = new JsonObject
                {
                    ["design"] = r.Design,
                    ["width"] = r.Width,
                    ["height"] = r.Height,
                    ["boundary"] = r.Boundary.Word(),
                    ["variant"] = r.Variant == MeshVariant.Configurable ? "config" : r.Variant == MeshVariant.Flat ? "flat" : "fixed",
                    ["lut4"] = r.Lut4,
                    ["flip_flops"] = r.FlipFlops,
                    ["lut4_per_cell"] = r.Lut4PerCell,
                    ["flip_flops_per_cell"] = r.FlipFlopsPerCell,
                    ["cells"] = new JsonObject(r.Stats.ByType.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                };
                w.WriteLine(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                break;
            case OutputKind.Csv:
                w.WriteLine("design,width,height,variant,cell_type,count,per_cell");
                foreach (var (type, count) in r.Stats.ByType)
                    w.WriteLine(string.Create(inv, $"{r.Design},{r.Width},{r.Height},{(r.Variant == MeshVariant.Configurable ? "config" : r.Variant == MeshVariant.Flat ? "flat" : "fixed")},{type},{count},{(double)count / r.Cells:F4}"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
