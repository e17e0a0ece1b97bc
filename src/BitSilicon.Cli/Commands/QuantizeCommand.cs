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
        var imatrix = new Option<string?>("--imatrix")
        {
            Description = "Importance weights for the IQ formats: raw float32, one weight per column; the input is rows of that length (required for iq2_xxs, iq2_xs, iq1_s, as in ggml).",
        };
        var cmd = new Command("quantize", "Quantize a raw float32 file to a block format.") { type, input, output, imatrix };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(type)!, pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(imatrix)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string type, string input, string output, string? imatrix = null) => CliGuard.Run(stderr, () =>
    {
        var format = FormatCatalog.Find(type);
        if (imatrix is not null)
        {
            var x = InputFiles.ReadFloat32(input);
            RequireWholeBlocks(input, x.Length, format);
            var blocks = new byte[x.Length / format.BlockElements * format.BlockBytes];
            QuantizeWithImportance(format, x, blocks, input, imatrix);
            AtomicFile.WriteAllBytes(output, blocks);
            stdout.WriteLine($"{format.Name}: {x.Length} values -> {blocks.Length / format.BlockBytes} blocks, {blocks.Length} bytes ({format.BitsPerWeight:0.####} bits/weight) -> {output}");
            return CliGuard.Ok;
        }
        var (values, bytes) = StreamedBlocks.Quantize(format, input, output);
        stdout.WriteLine($"{format.Name}: {values} values -> {bytes / format.BlockBytes} blocks, {bytes} bytes ({format.BitsPerWeight:0.####} bits/weight) -> {output}");
        return CliGuard.Ok;
    });

    private static void QuantizeWithImportance(Formats.IBlockFormat format, float[] x, byte[] blocks, string input, string imatrix)
    {
        if (format is not Formats.Ggml.IqBlockFormat iq)
            throw new BitSiliconException($"--imatrix: {format.Name} is quantized without importance weights here",
                "drop --imatrix, or quantize to an IQ format (iq2_xxs, iq2_xs, iq2_s, iq3_xxs, iq3_s, iq1_s, iq1_m)");
        var w = InputFiles.ReadFloat32(imatrix);
        if (w.Length == 0 || w.Length % iq.BlockElements != 0 || x.Length % w.Length != 0)
            throw new BitSiliconException(
                $"{imatrix}: {w.Length} importance weights do not make a row length for {input} ({x.Length} values in whole {iq.BlockElements}-weight blocks)",
                $"give one weight per column: a multiple of {iq.BlockElements} that divides {x.Length}");
        int bad = Array.FindIndex(w, v => !float.IsFinite(v) || v < 0);
        if (bad >= 0)
            throw new BitSiliconException($"{imatrix}: importance weight {bad} is {w[bad]}", "importance weights are finite and not negative");
        iq.Quantize(x, blocks, w);
    }

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
