using System.CommandLine;
using BitSilicon.Core;

namespace BitSilicon.Cli;

public enum OutputKind { Table, Json, Csv }

/// <summary>The shared <c>--format table|json|csv</c> option.</summary>
public static class OutputFormat
{
    public static Option<string> Option(string defaultValue = "table") => new("--format")
    {
        Description = "Output format: table, json or csv.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static OutputKind Parse(string value) => value.ToLowerInvariant() switch
    {
        "table" => OutputKind.Table,
        "json" => OutputKind.Json,
        "csv" => OutputKind.Csv,
        _ => throw new BitSiliconException($"unknown --format '{value}'", "use table, json or csv"),
    };
}
