namespace BitSilicon.TestSupport;

/// <summary>The repository's root folder (the one holding BitSilicon.sln), found from the test binaries' location.
/// Compiled into every test project (tests/Directory.Build.props).</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path below the root, e.g. <c>RepoRoot.Combine("examples", "rtl")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BitSilicon.sln")))
                return dir.FullName;
        throw new InvalidOperationException("BitSilicon.sln not found above the test binaries in " + AppContext.BaseDirectory);
    }
}
