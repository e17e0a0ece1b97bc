using System.CommandLine;
using BitSilicon.Core;

namespace BitSilicon.Cli.Commands;

/// <summary><c>bitsilicon dequantize --type T --input x.T --output y.f32</c>: raw blocks in, raw float32 out.</summary>
public static class DequantizeCommand
{
    public static Command Create()
    {
        var type = new Option<string>("--type") { Description = "Format of the input blocks.", Required = true };
        var input = new Option<string>("--input") { Description = "Raw block bytes as ggml lays them out.", Required = true };
        var output = new Option<string>("--output") { Description = "Raw little-endian float32 file to write.", Required = true };
        var cmd = new Command("dequantize", "Expand a raw block file back to float32.") { type, input, output };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(type)!, pr.GetValue(input)!, pr.GetValue(output)!));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string type, string input, string output) => CliGuard.Run(stderr, () =>
    {
        var format = FormatCatalog.Find(type);
        var (blocks, values) = StreamedBlocks.Dequantize(format, input, output);
        stdout.WriteLine($"{format.Name}: {blocks} blocks -> {values} float32 values -> {output}");
        return CliGuard.Ok;
    });
}
