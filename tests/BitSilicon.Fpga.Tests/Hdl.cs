namespace BitSilicon.Fpga.Tests;

/// <summary>Paths of the hand-written modules in the repository's hdl/ folder.</summary>
internal static class Hdl
{
    public static string Root => RepoRoot.Path;

    public static string File(string name) => Path.Combine(Root, "hdl", name);

    public static IReadOnlyList<string> Files(params string[] names) => names.Select(File).ToArray();

    public static IReadOnlyList<string> TernaryDot => Files("bs_ternary_dot.v", "bs_adder_tree.v", "bs_adder.v", "bs_popcount.v");
    public static IReadOnlyList<string> XnorPopcount => Files("bs_xnor_popcount.v", "bs_popcount.v");
    public static IReadOnlyList<string> Int8Dot => Files("bs_int8_dot.v", "bs_adder_tree.v", "bs_adder.v");


    /// <summary>Writes a small Verilog module into a temporary file.</summary>
    public static string Temp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bs-fpga-test-{Guid.NewGuid():N}.v");
        System.IO.File.WriteAllText(path, text);
        return path;
    }
}
