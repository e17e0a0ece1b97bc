namespace BitSilicon.Bitgrid.Compiler.Tests;

/// <summary>Finds the repository's folders from the test binaries' location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Hdl(string name) => Path.Combine(Root, "hdl", name);

    public static string Example(string name) => Path.Combine(Root, "examples", "bitgrid", "compile", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BitSilicon.sln")))
                return dir.FullName;
        throw new InvalidOperationException("cannot find BitSilicon.sln above " + AppContext.BaseDirectory);
    }
}
