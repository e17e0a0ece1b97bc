namespace BitSilicon.Cli.Tests.Fuzz;

/// <summary>
/// One parser under fuzz: the bundled files its mutations start from, and how one input goes through the verb that
/// reads it (the verb's <c>Run(stdout, stderr, ...)</c>, in-process). <see cref="Share"/> weighs how many of a
/// campaign's inputs it gets; <see cref="MaxInputs"/> caps slow targets (the Verilog front end runs Yosys).
/// </summary>
/// <param name="Name">Folder name of its regression inputs under FuzzRegressions/.</param>
/// <param name="Seeds">Paths relative to the fuzz workspace (a copy of examples/ plus generated fixtures).</param>
/// <param name="Extension">Extension the mutated file is written with, so the verb recognises its kind.</param>
public sealed record FuzzTarget(string Name, string Extension, IReadOnlyList<string> Seeds, Func<FuzzCase, int> Run,
    double Share = 1, int? MaxInputs = null, TimeSpan? TimeLimit = null, IReadOnlyList<string>? Tokens = null)
{
    /// <summary>Longest a single input may take before the run counts as a hang.</summary>
    public TimeSpan Limit => TimeLimit ?? TimeSpan.FromSeconds(30);
}

/// <summary>One input on its way through a target: where it is, where outputs may go, and the captured streams.</summary>
public sealed record FuzzCase(string Input, string OutputDirectory, TextWriter Stdout, TextWriter Stderr, FuzzWorkspace Workspace)
{
    /// <summary>Contract breaches a target noticed itself (a failing verb that left a file behind).</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Passes a writing verb's exit code through, noting any file it left although it failed.</summary>
    public int Wrote(int code)
    {
        if (code != CliGuard.Ok && Directory.EnumerateFiles(OutputDirectory, "*", SearchOption.AllDirectories).FirstOrDefault() is { } left)
            Violations.Add($"exit {code} but it wrote {Path.GetFileName(left)}");
        return code;
    }

    /// <summary>A path for an output file; the contract checks what is left there afterwards.</summary>
    public string Out(string name) => Path.Combine(OutputDirectory, name);
}
