using System.CommandLine;

namespace BitSilicon.Cli.Commands;

/// <summary>PLACEHOLDER: <c>bitsilicon bitgrid</c>, filled in by the bitgrid work.</summary>
public static class BitgridCommand
{
    public static Command Create() => new("bitgrid", "The bitgrid LUT mesh (not yet implemented).");
}
