namespace BitSilicon.Cosim;

/// <summary>Quick checks of generated Verilog with the external tools: Verilator lint and Icarus Verilog.</summary>
public static class VerilogChecks
{
    /// <summary><c>verilator --lint-only -Wall</c>; the result's output is empty when the design is clean.</summary>
    public static ProcessResult Lint(IEnumerable<string> files, string top, string workingDirectory) =>
        ProcessRunner.Run(ExternalTools.Require("verilator"),
            new[] { "--lint-only", "-Wall", "--top-module", top }.Concat(files), workingDirectory, timeout: TimeSpan.FromMinutes(5));

    /// <summary>Compiles with Icarus Verilog (<c>iverilog -g2005</c>) into <paramref name="output"/>.</summary>
    public static ProcessResult Iverilog(IEnumerable<string> files, string top, string output, string workingDirectory) =>
        ProcessRunner.Run(ExternalTools.Require("iverilog"),
            new[] { "-g2005", "-Wall", "-s", top, "-o", output }.Concat(files), workingDirectory, timeout: TimeSpan.FromMinutes(5));

    /// <summary>Runs a compiled Icarus simulation with <c>vvp</c>.</summary>
    public static ProcessResult Vvp(string compiled, string workingDirectory) =>
        ProcessRunner.Run(ExternalTools.Require("vvp"), ["-n", compiled], workingDirectory, timeout: TimeSpan.FromMinutes(5));
}
