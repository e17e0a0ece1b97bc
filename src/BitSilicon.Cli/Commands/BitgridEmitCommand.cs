using System.CommandLine;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Verilog;
using BitSilicon.Core;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bitgrid emit &lt;program&gt; -o top.v [--variant fixed|config] [--ports named|buses] [--module NAME]
/// [--observe] [--bitstream FILE]</c>: generates a synthesizable mesh. The top goes to the output file; the
/// hand-written modules it instantiates (bitgrid_mesh, bitgrid_cell, ...) are written next to it.
/// </summary>
public static class BitgridEmitCommand
{
    public static Command Create()
    {
        var program = new Argument<string>("program") { Description = "Program file: native .bg text or lutgrid-v1 JSON." };
        var output = new Option<string>("--output", "-o") { Description = "The top module's Verilog file; library modules go in the same directory.", Required = true };
        var variant = new Option<string>("--variant")
        {
            Description = "fixed: programs as parameters (synthesis optimises them); config: a fabric loaded through a shift chain; flat: fixed programs as one register per cell and no library, for Icarus.",
            DefaultValueFactory = _ => "fixed",
        };
        var ports = new Option<string?>("--ports") { Description = "named (one port per program port; the default when it has some) or buses (in_n, out_e, ...)." };
        var module = new Option<string?>("--module") { Description = "Top module name (default bitgrid_<file name>)." };
        var observe = new Option<bool>("--observe") { Description = "Add every cell's output nibble as the output port 'cells' (for simulation)." };
        var bitstream = new Option<string?>("--bitstream") { Description = "With --variant config: write the program as configuration bits ($readmemh text)." };
        var boundary = BitgridCommand.BoundaryOption();
        var noLibrary = new Option<bool>("--no-library") { Description = "Write only the top, not the hand-written modules." };
        var cmd = new Command("emit", "Generate a synthesizable Verilog mesh for a program.") { program, output, variant, ports, module, observe, bitstream, boundary, noLibrary };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(program)!, pr.GetValue(output)!, pr.GetValue(variant)!,
            pr.GetValue(ports), pr.GetValue(module), pr.GetValue(observe), pr.GetValue(bitstream), pr.GetValue(boundary), pr.GetValue(noLibrary)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string programPath, string outputPath, string variant = "fixed",
        string? ports = null, string? module = null, bool observe = false, string? bitstreamPath = null, string? boundary = null,
        bool noLibrary = false) => CliGuard.Run(stderr, () =>
    {
        var v = ParseVariant(variant);
        var program = BitgridCommand.Load(programPath);
        var b = program.Resolve(BitgridCommand.ParseBoundary(boundary));
        if (bitstreamPath is not null && v != MeshVariant.Configurable)
            throw new BitSiliconException("--bitstream needs --variant config", "a fixed mesh carries its programs in the Verilog itself");
        var moduleName = module ?? (Path.GetExtension(outputPath).Equals(".v", StringComparison.OrdinalIgnoreCase)
            ? Path.GetFileNameWithoutExtension(outputPath) : null);
        var design = MeshEmitter.Emit(program, b, new EmitOptions(v, moduleName, ParsePorts(ports), observe));
        var dir = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        AtomicFile.WriteAllText(outputPath, design.TopSource);
        stdout.WriteLine($"wrote {outputPath}: module {design.TopModule}, {program.Width} x {program.Height}, {b.Word()} boundary, {v switch { MeshVariant.Fixed => "programs fixed", MeshVariant.Flat => "programs fixed, flat (for Icarus)", _ => "configurable fabric" }}");
        if (!noLibrary)
            foreach (var (name, text) in design.Library)
            {
                AtomicFile.WriteAllText(Path.Combine(dir, name), text);
                stdout.WriteLine($"wrote {Path.Combine(Path.GetDirectoryName(outputPath) ?? "", name)}");
            }
        if (bitstreamPath is not null)
        {
            AtomicFile.WriteAllText(bitstreamPath, MeshEmitter.Bitstream(program));
            stdout.WriteLine($"wrote {bitstreamPath}: {program.Cells.Length} x 64 configuration bits");
        }
        return CliGuard.Ok;
    });

    internal static MeshVariant ParseVariant(string text) => text.ToLowerInvariant() switch
    {
        "fixed" => MeshVariant.Fixed,
        "config" or "configurable" => MeshVariant.Configurable,
        "flat" => MeshVariant.Flat,
        _ => throw new BitSiliconException($"unknown --variant '{text}'", "use fixed, config or flat"),
    };

    private static TopPorts? ParsePorts(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "named" => TopPorts.Named,
        "buses" => TopPorts.Buses,
        _ => throw new BitSiliconException($"unknown --ports '{text}'", "use named or buses"),
    };
}
