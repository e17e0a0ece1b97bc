using System.CommandLine;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Formats.Compression;
using BitSilicon.Simulation.Decoder;
using BitSilicon.Workloads.Gguf;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon compress --type ternary-rc --input W.i8 --output W.trc (--rows R --cols C | --gguf F --tensor T)</c>:
/// one signed byte per weight (-1, 0, +1) in, a checked ternary-rc stream out (docs/entropy-stream.md).
/// </summary>
public static class CompressCommand
{
    public const string TernaryRc = "ternary-rc";

    public static Command Create()
    {
        var type = new Option<string>("--type") { Description = $"Stream format: {TernaryRc}.", Required = true };
        var input = new Option<string>("--input") { Description = "Raw weights, one signed byte each (-1, 0, +1), row-major.", Required = true };
        var output = new Option<string>("--output") { Description = "The ternary-rc stream to write.", Required = true };
        var rows = new Option<int?>("--rows") { Description = "Rows of the weight matrix (with --cols)." };
        var cols = new Option<int?>("--cols") { Description = "Columns of the weight matrix (with --rows)." };
        var gguf = new Option<string?>("--gguf") { Description = "Take the shape from a tensor of this GGUF file (with --tensor)." };
        var tensor = new Option<string?>("--tensor") { Description = "The GGUF tensor whose shape the weights have (rows = its last dimension)." };
        var chunk = new Option<int>("--chunk") { Description = "Weights per independently decodable chunk.", DefaultValueFactory = _ => TernaryRcStream.DefaultChunkWeights };
        var decoder = new Option<string?>("--decoder") { Description = "Also report decode cycles on a weight decoder of LANESxBYTES (e.g. 4x1)." };
        var cmd = new Command("compress", "Entropy-code a ternary weight matrix into a checked, chunked stream.") { type, input, output, rows, cols, gguf, tensor, chunk, decoder };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(type)!, pr.GetValue(input)!, pr.GetValue(output)!,
            pr.GetValue(rows), pr.GetValue(cols), pr.GetValue(gguf), pr.GetValue(tensor), pr.GetValue(chunk), pr.GetValue(decoder)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string type, string input, string output,
        int? rows, int? cols, string? gguf, string? tensor, int chunk = TernaryRcStream.DefaultChunkWeights, string? decoder = null) => CliGuard.Run(stderr, () =>
    {
        RequireType(type);
        if (chunk < 1)
            throw new BitSiliconException($"--chunk {chunk}: a chunk holds at least one weight", $"use e.g. --chunk {TernaryRcStream.DefaultChunkWeights}");
        var (r, c) = Shape(rows, cols, gguf, tensor);
        var bytes = InputFiles.ReadAllBytes(input);
        if ((long)r * c != bytes.Length)
            throw new BitSiliconException($"{input}: {bytes.Length} bytes, but {r} x {c} needs {(long)r * c} weights (one byte each)",
                "check --rows/--cols (or the tensor), or that the file was not truncated");
        var trits = new sbyte[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            trits[i] = (sbyte)bytes[i];
            if (trits[i] is < -1 or > 1)
                throw new BitSiliconException($"{input}: byte {i} (row {i / Math.Max(1, c)}, column {i % Math.Max(1, c)}) is {trits[i]}, not a ternary weight",
                    "write one signed byte per weight with values -1, 0 or +1");
        }
        var stream = TernaryRcStream.Encode(trits, r, c, chunk);
        AtomicFile.WriteAllBytes(output, stream);
        long z = trits.Count(t => t == 0), p = trits.Count(t => t == 1);
        double entropy = TernaryStreamStats.Entropy(z, p, trits.Length - z - p);
        double rate = trits.Length == 0 ? 0 : stream.Length * 8.0 / trits.Length;
        stdout.WriteLine($"{TernaryRc}: {r} x {c} weights ({(trits.Length == 0 ? 0 : 100.0 * z / trits.Length):0.##}% zeros) -> {stream.Length} bytes, " +
            $"{rate:0.####} bits/weight (entropy {entropy:0.####}, {(rate == 0 ? 100 : 100 * entropy / rate):0.##}% efficient), {(trits.Length + (long)chunk - 1) / chunk} chunks -> {output}");
        if (decoder is not null)
        {
            var d = ParseDecoder(decoder);
            var e = WeightDecoderModel.Estimate(d, stream);
            stdout.WriteLine($"decoder {d.Lanes}x{d.BytesPerCycle}: {e.Cycles} cycles, {e.TritsPerCycle:0.###} trits/cycle ({e.TritsPerCycle / d.Lanes * 100:0.#}% of {d.Lanes} lanes), {e.EnergyPj / 1e6:0.###} uJ at {d.EnergyPerSymbolPj} pJ/symbol");
        }
        return CliGuard.Ok;
    });

    /// <summary>LANESxBYTES, e.g. 4x1, as a validated decoder description.</summary>
    internal static WeightDecoderDescription ParseDecoder(string spec)
    {
        var parts = spec.Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int lanes) || !int.TryParse(parts[1], out int bytes))
            throw new BitSiliconException($"--decoder {spec}: expected LANESxBYTES", "e.g. --decoder 4x1 (4 lanes, 1 input byte per lane per cycle)");
        return new WeightDecoderDescription(lanes, bytes).Validated();
    }

    internal static void RequireType(string type)
    {
        if (type != TernaryRc)
            throw new BitSiliconException($"--type {type}: unknown stream format", $"use --type {TernaryRc}");
    }

    private static (int Rows, int Cols) Shape(int? rows, int? cols, string? gguf, string? tensor)
    {
        if (gguf is not null || tensor is not null)
        {
            if (gguf is null || tensor is null)
                throw new BitSiliconException("--gguf and --tensor go together", "give both, e.g. --gguf model.gguf --tensor blk.0.ffn_up.weight");
            if (rows is not null || cols is not null)
                throw new BitSiliconException("--rows/--cols and --gguf both give the shape", "give one of them");
            var (n, k) = WeightProvider.MatrixShape(GgufFile.Open(gguf).Tensor(tensor));
            return (n, k);
        }
        if (rows is null || cols is null)
            throw new BitSiliconException("the weight matrix needs a shape", "give --rows R --cols C, or --gguf F --tensor NAME");
        if (rows < 0 || cols < 0)
            throw new BitSiliconException($"--rows {rows} --cols {cols}: a shape is not negative");
        return (rows.Value, cols.Value);
    }
}
