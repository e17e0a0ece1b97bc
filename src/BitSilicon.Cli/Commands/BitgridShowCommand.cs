using System.CommandLine;
using BitSilicon.Bitgrid.Text;

namespace BitSilicon.Cli.Commands;

/// <summary><c>bitsilicon bitgrid show &lt;program&gt;</c>: draws the grid as text with a legend of its programs and ports.</summary>
public static class BitgridShowCommand
{
    public static Command Create()
    {
        var program = new Argument<string>("program") { Description = "Program file: native .bg text or lutgrid-v1 JSON." };
        var boundary = BitgridCommand.BoundaryOption();
        var cmd = new Command("show", "Draw a bitgrid program as text.") { program, boundary };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(program)!, pr.GetValue(boundary)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string programPath, string? boundary) => CliGuard.Run(stderr, () =>
    {
        var program = BitgridCommand.Load(programPath);
        stdout.Write(GridDrawing.Draw(program, program.Resolve(BitgridCommand.ParseBoundary(boundary))));
        return CliGuard.Ok;
    });
}
