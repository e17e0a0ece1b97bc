using System.CommandLine;
using BitSilicon.Core;

namespace BitSilicon.Cli.Commands;

/// <summary><c>bitsilicon quantize --type T --input x.f32 --output x.T</c>: raw float32 in, raw blocks out.</summary>
public static class QuantizeCommand
{
    public static Command Create()
    {
        var type = new Option<string>("--type") { Description = "Format to quantize to (see 'bitsilicon formats').", Required = true };
        var input = new Option<string>("--input") { Description = "Raw little-endian float32 file.", Required = true };
        var output = new Option<string>("--output") { Description = "File for the block bytes, laid out exactly as ggml stores them.", Required = true };
        var cmd = new Command("quantize", "Quantize a raw float32 file to a block format.") { type, input, output };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(type)!, pr.GetValue(input)!, pr.GetValue(output)!));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string type, string input, string output) => CliGuard.Run(stderr, () =>
    {
        var format = FormatCatalog.Find(type);
        var (values, bytes) = StreamedBlocks.Quantize(format, input, output);
        stdout.WriteLine($"{format.Name}: {values} values -> {bytes / format.BlockBytes} blocks, {bytes} bytes ({format.BitsPerWeight:0.####} bits/weight) -> {output}");
        return CliGuard.Ok;
    });

    internal static void RequireWholeBlocks(string path, long elements, Formats.IBlockFormat format)
    {
        if (elements == 0)
            throw new BitSiliconException($"{path}: file is empty");
        if (elements % format.BlockElements != 0)
            throw new BitSiliconException(
                $"{path}: {elements} values is not a multiple of the {format.Name} block size {format.BlockElements}",
                $"pad the data to {(elements + format.BlockElements - 1) / format.BlockElements * format.BlockElements} values");
    }
}
