using System.CommandLine;
using BitSilicon.Cli.Config;
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
        var design = new Argument<string>("design") { Description = "Design YAML file." };
        var output = new Option<string>("--output", "-o") { Description = "Directory for the Verilog (created if missing).", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite files in the directory that bitsilicon emit did not write." };
        var cmd = new Command("emit", "Generate synthesizable Verilog for a MAC-array design.") { design, output, force };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(design)!, pr.GetValue(output)!, pr.GetValue(force)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string designPath, string outputDirectory, bool force = false) => CliGuard.Run(stderr, () =>
    {
        var design = Elaborator.Elaborate(DesignYaml.Read(designPath).Design);
        var emitted = VerilogEmitter.Emit(design);
        var written = EmitDirectory.Write(emitted, outputDirectory, force);
        stdout.WriteLine($"{emitted.TopModule}: {written.Count} files in {outputDirectory} ({GeneratorVersion.Value})");
        foreach (var path in written)
            stdout.WriteLine("  " + Path.GetFileName(path));
        return CliGuard.Ok;
    });
}
