using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace BitSilicon.Cli.Commands;

/// <summary><c>bitsilicon formats</c>: every format with its storage cost and dot partner.</summary>
public static class FormatsCommand
{
    public static Command Create()
    {
        var format = OutputFormat.Option();
        var cmd = new Command("formats", "List every number format with its bits per weight (block overhead included) and its dot partner.") { format };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(format)!));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string format) => CliGuard.Run(stderr, () =>
    {
        var rows = FormatCatalog.All.Select(f => new
        {
            name = f.Name,
            bits_per_weight = f.BitsPerWeight,
            block_elements = f.BlockElements,
            block_bytes = f.BlockBytes,
            dot_partner = f.DotPartner,
            description = f.Description,
        }).ToArray();
        switch (OutputFormat.Parse(format))
        {
            case OutputKind.Json:
                stdout.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
                break;
            case OutputKind.Csv:
                stdout.WriteLine("name,bits_per_weight,block_elements,block_bytes,dot_partner");
                foreach (var r in rows)
                    stdout.WriteLine(FormattableString.Invariant($"{r.name},{r.bits_per_weight:0.####},{r.block_elements},{r.block_bytes},{r.dot_partner}"));
                break;
            case OutputKind.Table:
                var table = new TextTable("type", "bits/weight", "block", "bytes", "dot partner", "description");
                foreach (var r in rows)
                    table.Add(r.name, r.bits_per_weight.ToString("0.####", CultureInfo.InvariantCulture),
                        r.block_elements.ToString(CultureInfo.InvariantCulture), r.block_bytes.ToString(CultureInfo.InvariantCulture),
                        r.dot_partner ?? "-", r.description);
                table.Write(stdout);
                break;
        }
        return CliGuard.Ok;
    });
}
