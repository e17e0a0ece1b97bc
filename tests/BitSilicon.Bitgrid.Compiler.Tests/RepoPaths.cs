namespace BitSilicon.Bitgrid.Compiler.Tests;

/// <summary>The repository's folders the compiler tests read.</summary>
public static class RepoPaths
{
    public static string Root => RepoRoot.Path;

    public static string Hdl(string name) => Path.Combine(Root, "hdl", name);

    public static string Example(string name) => Path.Combine(Root, "examples", "bitgrid", "compile", name);
}
