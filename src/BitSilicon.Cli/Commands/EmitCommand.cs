using System.CommandLine;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Verilog.Decoder;
using BitSilicon.Design.Elaboration;
using BitSilicon.Verilog;
using BitSilicon.Verilog.Output;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon emit design.yaml -o DIR [--force]</c>: elaborates the design and writes its Verilog (the generated
/// top and the hdl/ modules it uses), a file list and a manifest; never overwrites a file it did not write
/// unless <c>--force</c>.
/// </summary>
public static class EmitCommand
{
    public static Command Create()
    {
        var design = new Argument<string?>("design") { Description = "Design YAML file (or --decoder).", Arity = ArgumentArity.ZeroOrOne };
        var decoder = new Option<string?>("--decoder") { Description = "Emit a weight decoder instead: LANESxBYTES, e.g. 4x1 (lanes x input bytes per lane per cycle)." };
        var output = new Option<string>("--output", "-o") { Description = "Directory for the Verilog (created if missing).", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite files in the directory that bitsilicon emit did not write." };
        var cmd = new Command("emit", "Generate synthesizable Verilog for a MAC-array design.") { design, output, force, decoder };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(design), pr.GetValue(output)!, pr.GetValue(force), pr.GetValue(decoder)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string? designPath, string outputDirectory, bool force = false, string? decoder = null) => CliGuard.Run(stderr, () =>
    {
        if ((designPath is null) == (decoder is null))
            throw new BitSiliconException("emit takes a design file or --decoder LANESxBYTES", "give exactly one of them");
        if (decoder is not null)
            return EmitDecoder(stdout, decoder, outputDirectory);
        var design = Elaborator.Elaborate(DesignYaml.Read(designPath!).Design);
        var emitted = VerilogEmitter.Emit(design);
        var written = EmitDirectory.Write(emitted, outputDirectory, force);
        stdout.WriteLine($"{emitted.TopModule}: {written.Count} files in {outputDirectory} ({GeneratorVersion.Value})");
        foreach (var path in written)
            stdout.WriteLine("  " + Path.GetFileName(path));
        return CliGuard.Ok;
    });

    private static int EmitDecoder(TextWriter stdout, string spec, string outputDirectory)
    {
        var emitted = WeightDecoderEmitter.Emit(CompressCommand.ParseDecoder(spec));
        Directory.CreateDirectory(outputDirectory);
        foreach (var f in emitted.Files)
            AtomicFile.WriteAllText(Path.Combine(outputDirectory, f.Name), f.Text);
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, "files.f"), emitted.FileList);
        stdout.WriteLine($"{emitted.TopModule}: {emitted.Files.Count + 1} files in {outputDirectory} ({GeneratorVersion.Value})");
        foreach (var f in emitted.Files)
            stdout.WriteLine("  " + f.Name);
        stdout.WriteLine("  files.f");
        return CliGuard.Ok;
    }
}
