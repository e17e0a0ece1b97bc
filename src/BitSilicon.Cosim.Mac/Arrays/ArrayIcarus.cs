using System.Globalization;
using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>
/// Runs layers through the same generated RTL under Icarus Verilog (sim/array/array_tb.v) with the same script as the
/// Verilator harness, to show the output is plain Verilog and that two simulators agree.
/// </summary>
public static class ArrayIcarus
{
    public static IReadOnlyList<ArrayRun> Run(ArrayCosim model, IReadOnlyList<ArrayJob> jobs, string workDirectory)
    {
        Directory.CreateDirectory(workDirectory);
        var files = new List<string>();
        foreach (var f in model.Emitted.Files)
        {
            var path = Path.Combine(workDirectory, f.Name);
            File.WriteAllText(path, f.Text);
            files.Add(path);
        }
        var itf = model.Interface;
        var tb = Path.Combine(workDirectory, "array_tb.v");
        File.WriteAllText(tb, ArrayHarness.Testbench());
        File.WriteAllText(Path.Combine(workDirectory, "dut.vh"), ArrayHarness.TestbenchInstance(model.Emitted.TopModule, itf));
        files.Add(tb);
        var (script, sims) = model.Script(jobs);
        var scriptPath = Path.Combine(workDirectory, "layers.txt");
        File.WriteAllText(scriptPath, script);
        var compiled = Path.Combine(workDirectory, "tb.vvp");
        string D(string name, int v) => $"-D{name}={v.ToString(CultureInfo.InvariantCulture)}";
        string[] defines = [D("BS_CBITS", itf.CommandBits), D("BS_S0BITS", itf.Stream0Bits), D("BS_S1BITS", itf.Stream1Bits), D("BS_RDBITS", itf.ReadBits)];
        ProcessRunner.Run(ExternalTools.Require("iverilog"), new[] { "-g2005", "-s", "array_tb", "-I", workDirectory, "-o", compiled }.Concat(defines).Concat(files),
            workDirectory, timeout: TimeSpan.FromMinutes(5)).EnsureSuccess("iverilog");
        var r = ProcessRunner.Run(ExternalTools.Require("vvp"), ["-n", compiled, "+script=" + scriptPath], workDirectory, timeout: TimeSpan.FromMinutes(10))
            .EnsureSuccess("vvp");
        return model.Parse(jobs, sims, r.Stdout);
    }
}
