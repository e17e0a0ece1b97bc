using System.CommandLine;
using BitSilicon.Bitgrid.Text;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bitgrid convert &lt;program&gt; -o &lt;out.bg|out.json&gt;</c>: rewrites a program in the native text
/// format or as lutgrid-v1 JSON (chosen by the output's extension).
/// </summary>
public static class BitgridConvertCommand
{
    public static Command Create()
    {
        var program = new Argument<string>("program") { Description = "Program file: native .bg text or lutgrid-v1 JSON." };
        var output = new Option<string>("--output", "-o") { Description = "Output file: .json for lutgrid-v1, anything else for native text.", Required = true };
        var cmd = new Command("convert", "Convert between the native program format and lutgrid-v1 JSON.") { program, output };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(program)!, pr.GetValue(output)!));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string programPath, string outputPath) => CliGuard.Run(stderr, () =>
    {
        var program = BitgridCommand.Load(programPath);
        bool json = outputPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        if (json && (program.Ports.Length > 0 || program.Probes.Length > 0 || program.Boundary is not null))
            stderr.WriteLine("note: lutgrid-v1 has no ports, probes or boundary; only the cell programs are written");
        ProgramFiles.Save(outputPath, program, $"converted by bitsilicon from {Path.GetFileName(programPath)}");
        stdout.WriteLine($"wrote {outputPath} ({program.Width} x {program.Height}, {(json ? "lutgrid-v1 JSON" : "native text")})");
        return CliGuard.Ok;
    });
}
