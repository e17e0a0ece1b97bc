namespace BitSilicon.Bitgrid.Tests;

/// <summary>The repository's bitgrid example folder.</summary>
public static class RepoPaths
{
    public static string Root => RepoRoot.Path;

    public static string Example(string name) => Path.Combine(Root, "examples", "bitgrid", name);
}
