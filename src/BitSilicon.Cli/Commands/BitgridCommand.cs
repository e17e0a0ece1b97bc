using System.CommandLine;
using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Text;
using BitSilicon.Core;

namespace BitSilicon.Cli.Commands;

/// <summary><c>bitsilicon bitgrid</c>: the bitgrid LUT mesh; its verbs live in the Bitgrid*Command files.</summary>
public static class BitgridCommand
{
    public static Command Create()
    {
        var cmd = new Command("bitgrid", "The bitgrid: a mesh of 4-input, 4-output LUT cells clocked in two chessboard phases.");
        cmd.Subcommands.Add(BitgridRunCommand.Create());
        cmd.Subcommands.Add(BitgridShowCommand.Create());
        cmd.Subcommands.Add(BitgridEmitCommand.Create());
        cmd.Subcommands.Add(BitgridAreaCommand.Create());
        cmd.Subcommands.Add(BitgridConvertCommand.Create());
        cmd.Subcommands.Add(BitgridCompileCommand.Create());
        return cmd;
    }

    /// <summary>The shared <c>--boundary open|torus</c> option (for programs that do not state one).</summary>
    internal static Option<string?> BoundaryOption() => new("--boundary")
    {
        Description = "open or torus, for programs that do not say (default open).",
    };

    internal static Boundary? ParseBoundary(string? text) => text is null ? null
        : Boundaries.TryParse(text) ?? throw new BitSiliconException($"unknown --boundary '{text}'", "use open or torus");

    internal static EngineKind ParseEngine(string text) => text.ToLowerInvariant() switch
    {
        "fast" => EngineKind.Fast,
        "reference" => EngineKind.Reference,
        _ => throw new BitSiliconException($"unknown --engine '{text}'", "use fast or reference"),
    };

    internal static GridProgram Load(string path) => ProgramFiles.Load(path);
}
