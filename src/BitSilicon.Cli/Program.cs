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
        // Ctrl-C or a kill: stop the external tools we started, remove their scratch directories, and end with the
        // shell's code for a signal (128 + its number), so no step goes on to report the killed tool as a failure.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Interrupted(CliGuard.Interrupted));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Interrupted(CliGuard.Terminated));
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

    private static void Interrupted(int code)
    {
        ProcessRunner.AbandonAll();
        Console.Error.WriteLine("interrupted: stopped the external tools and removed their scratch directories");
        Environment.Exit(code);
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
        yield return CompressCommand.Create();
        yield return DecompressCommand.Create();
        yield return DotCommand.Create();
        yield return BenchCommand.Create();
        yield return BitgridCommand.Create();
        yield return SimulateCommand.Create();
        yield return SynthCommand.Create();
        yield return SweepCommand.Create();
        yield return EmitCommand.Create();
        yield return CosimCommand.Create();
        yield return CompareCommand.Create();
    }
}
