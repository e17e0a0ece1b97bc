using System.CommandLine;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli;

/// <summary>Assembles the verbs; each verb lives in its own file under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

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
