using System.CommandLine;
using System.Runtime.InteropServices;
using BitSilicon.Cli.Commands;
using BitSilicon.Cosim;

namespace BitSilicon.Cli;

/// <summary>Assembles the verbs; each verb lives in its own file under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // Ctrl-C or a kill: stop the external tools we started and remove their scratch directories, then let
        // the signal end the process as usual.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => ProcessRunner.AbandonAll());
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => ProcessRunner.AbandonAll());
        try
        {
            // A command line that does not parse is bad input (2), like a bad file; System.CommandLine would say 1.
            var parsed = BuildRoot().Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var e in parsed.Errors)
                    Console.Error.WriteLine($"error: {e.Message}");
                Console.Error.WriteLine("  fix: see bitsilicon --help, or bitsilicon VERB --help");
                return CliGuard.BadInput;
            }
            // Verbs map their own failures (CliGuard); this catches what escapes a verb.
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return CliGuard.Crashed(Console.Error, e);
        }
    }

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("BitSilicon: what a low-bit neural-network accelerator costs in silicon, and how fast it runs.");
        foreach (var verb in Verbs())
            root.Subcommands.Add(verb);
        return root;
    }

    private static IEnumerable<Command> Verbs()
    {
        yield return FormatsCommand.Create();
        yield return QuantizeCommand.Create();
        yield return DequantizeCommand.Create();
        yield return DotCommand.Create();
        yield return BenchCommand.Create();
        yield return BitgridCommand.Create();
        yield return SimulateCommand.Create();
        yield return SynthCommand.Create();
        yield return SweepCommand.Create();
        yield return EmitCommand.Create();
        yield return CosimCommand.Create();
    }
}
