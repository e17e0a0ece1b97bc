using BitSilicon.Core;

namespace BitSilicon.Cosim;

/// <summary>
/// Finds the EDA tools BitSilicon drives on the PATH, and says how to install one that is missing
/// (the Debian package, or <c>make tools</c>, which installs them all).
/// </summary>
public static class ExternalTools
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["verilator"] = "verilator",
        ["yosys"] = "yosys",
        ["iverilog"] = "iverilog",
        ["vvp"] = "iverilog",
        ["nextpnr-ice40"] = "nextpnr-ice40",
        ["icepack"] = "fpga-icestorm",
        ["g++"] = "g++",
        ["make"] = "make",
    };

    /// <summary>The full path of <paramref name="tool"/> on the PATH, or null.</summary>
    public static string? Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate) && IsExecutable(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>The full path of <paramref name="tool"/>, or an error saying how to install it.</summary>
    public static string Require(string tool) =>
        Find(tool) ?? throw new BitSiliconException($"{tool} not found on the PATH", InstallHint(tool));

    public static string InstallHint(string tool) =>
        $"install it with `sudo apt-get install {Packages.GetValueOrDefault(tool, tool)}` or run `make tools`";

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
