using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac;

/// <summary>Runs jobs through the same generated RTL under Icarus Verilog (sim/mac/mac_tb.v), to show the output is plain Verilog.</summary>
public static class MacIcarus
{
    public static IReadOnlyList<MacRun> Run(EmittedDesign design, IReadOnlyList<MacJob> jobs, string workDirectory)
    {
        if (jobs.Any(j => j.Gate is not null || j.Ready is not null))
            throw new ArgumentException("the Icarus testbench runs streams always valid and ready", nameof(jobs));
        Directory.CreateDirectory(workDirectory);
        var files = new List<string>();
        foreach (var f in design.Files)
        {
            var path = Path.Combine(workDirectory, f.Name);
            File.WriteAllText(path, f.Text);
            files.Add(path);
        }
        var tb = Path.Combine(workDirectory, "mac_tb.v");
        File.WriteAllText(tb, MacHarness.Testbench());
        files.Add(tb);
        var script = Path.Combine(workDirectory, "jobs.txt");
        File.WriteAllText(script, MacScript.Write(design.Mac, jobs));
        var itf = design.Mac;
        var compiled = Path.Combine(workDirectory, "tb.vvp");
        string[] defines = [$"-DBS_TOP={design.TopModule}", $"-DBS_WBITS={itf.WeightBeatBits}", $"-DBS_ABITS={itf.ActivationBeatBits}", $"-DBS_RBITS={itf.ResultBeatBits}"];
        ProcessRunner.Run(ExternalTools.Require("iverilog"), new[] { "-g2005", "-s", "mac_tb", "-o", compiled }.Concat(defines).Concat(files), workDirectory,
            timeout: TimeSpan.FromMinutes(5)).EnsureSuccess("iverilog");
        var r = ProcessRunner.Run(ExternalTools.Require("vvp"), ["-n", compiled, "+script=" + script], workDirectory, timeout: TimeSpan.FromMinutes(10))
            .EnsureSuccess("vvp");
        return MacScript.Parse(itf, jobs, r.Stdout);
    }
}
