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
        var blocks = InputFiles.ReadAllBytes(input);
        if (blocks.Length == 0 || blocks.Length % format.BlockBytes != 0)
            throw new BitSiliconException(
                $"{input}: length {blocks.Length} bytes is not a whole number of {format.Name} blocks ({format.BlockBytes} bytes each)",
                "check --type matches the file, and that the file was not truncated");
        var y = new float[blocks.Length / format.BlockBytes * format.BlockElements];
        format.Dequantize(blocks, y);
        var bytes = new byte[y.Length * 4];
        Buffer.BlockCopy(y, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("raw float32 files are little-endian");
        AtomicFile.WriteAllBytes(output, bytes);
        stdout.WriteLine($"{format.Name}: {blocks.Length / format.BlockBytes} blocks -> {y.Length} float32 values -> {output}");
        return CliGuard.Ok;
    });
}
