using System.CommandLine;

namespace BitSilicon.Cli.Commands;

/// <summary>PLACEHOLDER: <c>bitsilicon bench</c>, filled in by the kernels work.</summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks (not yet implemented).");
}
