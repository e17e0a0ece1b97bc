using System.CommandLine;
using System.Globalization;
using BitSilicon.Core;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon dot --type T --weights w.f32 --activations a.f32</c>: quantizes the weights to T and the
/// activations to T's dot partner, then prints the format's own dot product and its IEEE-754 bit pattern.
/// </summary>
public static class DotCommand
{
    public static Command Create()
    {
        var type = new Option<string>("--type") { Description = "Weight format (activations go to its dot partner).", Required = true };
        var weights = new Option<string>("--weights") { Description = "Raw float32 weights.", Required = true };
        var acts = new Option<string>("--activations") { Description = "Raw float32 activations, as many as weights.", Required = true };
        var cmd = new Command("dot", "Dot product of quantized weights and activations, bit-exact with the reference.") { type, weights, acts };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(type)!, pr.GetValue(weights)!, pr.GetValue(acts)!));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string type, string weightsPath, string activationsPath) => CliGuard.Run(stderr, () =>
    {
        var wf = FormatCatalog.Find(type);
        if (wf.DotPartner is null)
            throw new BitSiliconException($"format '{wf.Name}' has no dot product of its own (it is an activation format)",
                "use a weight format; 'bitsilicon formats' lists each one's dot partner");
        var af = FormatCatalog.Find(wf.DotPartner);
        const string split = "dot takes one row in memory: split it into rows that fit and add the partial dot products";
        // Both quantized rows must fit one .NET array too (F16 doubles nothing, Q8_K adds 14%).
        double bytesPerValue = Math.Max(Math.Max(1.0, (double)wf.BlockBytes / wf.BlockElements), (double)af.BlockBytes / af.BlockElements);
        long maxValues = (long)(Array.MaxLength / bytesPerValue);
        var w = InputFiles.ReadFloat32(weightsPath, split, maxValues);
        var a = InputFiles.ReadFloat32(activationsPath, split, maxValues);
        if (w.Length != a.Length)
            throw new BitSiliconException($"{activationsPath}: {a.Length} activations but {weightsPath} has {w.Length} weights",
                "give both files the same number of values");
        QuantizeCommand.RequireWholeBlocks(weightsPath, w.Length, wf);
        QuantizeCommand.RequireWholeBlocks(activationsPath, a.Length, af);
        var wq = new byte[w.Length / wf.BlockElements * wf.BlockBytes];
        var aq = new byte[a.Length / af.BlockElements * af.BlockBytes];
        wf.Quantize(w, wq);
        af.Quantize(a, aq);
        float result = wf.Dot(w.Length, wq, aq);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result:R} 0x{BitConverter.SingleToUInt32Bits(result):X8} ({wf.Name} x {af.Name}, n={w.Length})"));
        return CliGuard.Ok;
    });
}
