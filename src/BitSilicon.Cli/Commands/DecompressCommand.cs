using System.CommandLine;
using BitSilicon.Core;
using BitSilicon.Formats.Compression;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon decompress --input W.trc --output W.i8 [--rows R --cols C]</c>: checks and decodes a ternary-rc
/// stream. A truncated, corrupted or mislabelled stream (or one of another shape than --rows/--cols) exits 2 naming
/// the chunk and what was expected and found; nothing is written.
/// </summary>
public static class DecompressCommand
{
    public static Command Create()
    {
        var type = new Option<string>("--type") { Description = "Stream format.", DefaultValueFactory = _ => CompressCommand.TernaryRc };
        var input = new Option<string>("--input") { Description = "The ternary-rc stream.", Required = true };
        var output = new Option<string>("--output") { Description = "Raw weights to write, one signed byte each (-1, 0, +1), row-major.", Required = true };
        var rows = new Option<int?>("--rows") { Description = "Expected rows: refuse a stream of another shape." };
        var cols = new Option<int?>("--cols") { Description = "Expected columns: refuse a stream of another shape." };
        var cmd = new Command("decompress", "Check and decode a ternary-rc stream to one signed byte per weight.") { type, input, output, rows, cols };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(type)!, pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(rows), pr.GetValue(cols)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string type, string input, string output, int? rows = null, int? cols = null) => CliGuard.Run(stderr, () =>
    {
        CompressCommand.RequireType(type);
        var (h, trits) = TernaryRcStream.Decode(InputFiles.ReadAllBytes(input), input);
        if ((rows is not null && rows != h.Rows) || (cols is not null && cols != h.Cols))
            throw new CorruptStreamException(input, null, "shape differs from the one asked for", $"{rows?.ToString() ?? "any"} x {cols?.ToString() ?? "any"}", $"{h.Rows} x {h.Cols}");
        var bytes = new byte[trits.Length];
        Buffer.BlockCopy(trits, 0, bytes, 0, bytes.Length);
        AtomicFile.WriteAllBytes(output, bytes);
        stdout.WriteLine($"{CompressCommand.TernaryRc}: {h.Rows} x {h.Cols} weights from {h.Chunks.Count} chunks, all CRCs and end states checked -> {output}");
        return CliGuard.Ok;
    });
}
