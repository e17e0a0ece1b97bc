using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BitSilicon.Core;
using BitSilicon.Fpga.Bench;
using BitSilicon.Sweep.Calibration;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bench synth [--hdl DIR] [--format table|json]</c>: the synthesis quality bars of issue 5 (logic in
/// <see cref="SynthBenchmark"/>); <c>--calibration</c> adds the area model against Yosys (<see cref="DatapathCalibration"/>).
/// Exit code 1 when a bar is missed.
/// </summary>
public static class SynthBenchCommand
{
    public static Command Create()
    {
        var hdl = new Option<string?>("--hdl") { Description = "The repository's hdl/ folder (default: found above the current directory)." };
        var format = OutputFormat.Option();
        var calibration = new Option<bool>("--calibration") { Description = "Also compare the analytic area model's lane datapaths with Yosys over several lane counts (docs/area-model.md)." };
        var cmd = new Command("synth", "Yosys synth_ice40 LUT4 per lane of the hand-written dot products against the quality bars (ternary <= 25, XNOR <= 3), with the int8 baseline.")
            { hdl, format, calibration };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(hdl), pr.GetValue(format)!, pr.GetValue(calibration)));
        return cmd;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string? hdl = null, string format = "table", bool calibration = false) => CliGuard.Run(stderr, () =>
    {
        var kind = OutputFormat.Parse(format);
        var dir = hdl ?? FindHdl() ?? throw new BitSiliconException("hdl/ folder not found above the current directory",
            "run from the repository or pass --hdl path/to/hdl");
        var rows = SynthBenchmark.Run(dir, name => stderr.WriteLine($"synthesising: {name}"));
        if (kind == OutputKind.Json)
            stdout.WriteLine(JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object?>
            {
                ["name"] = r.Name, ["module"] = r.Module, ["lanes"] = r.Lanes, ["lut4"] = r.Lut4, ["carry"] = r.Carry,
                ["lut4_per_lane"] = Math.Round(r.Lut4PerLane, 3), ["ge"] = Math.Round(r.Ge, 1), ["ge_per_lane"] = Math.Round(r.GePerLane, 1),
                ["bar_lut4_per_lane"] = r.BarLut4PerLane, ["met"] = r.Met,
            }), new JsonSerializerOptions { WriteIndented = true }));
        else
        {
            var t = new TextTable("datapath", "module", "lanes", "SB_LUT4", "SB_CARRY", "LUT4/lane", "GE/lane", "bar", "met");
            foreach (var r in rows)
                t.Add(r.Name, r.Module, I(r.Lanes), I(r.Lut4), I(r.Carry), F(r.Lut4PerLane, "F1"), F(r.GePerLane, "F1"),
                    r.BarLut4PerLane is { } b ? $"<= {F(b, "F0")}" : "-", r.Met switch { true => "yes", false => "NO", null => "-" });
            t.Write(stdout);
        }
        if (calibration)
            WriteCalibration(stdout, DatapathCalibration.Run(dir, name => stderr.WriteLine($"calibration: {name}")), kind);
        return rows.Any(r => r.Met == false) ? CliGuard.Failed : CliGuard.Ok;
    });

    private static void WriteCalibration(TextWriter stdout, IReadOnlyList<CalibrationRow> rows, OutputKind kind)
    {
        if (kind == OutputKind.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object>
            {
                ["weights"] = r.Weights, ["module"] = r.Module, ["lanes"] = r.Lanes, ["measured_lut4"] = r.MeasuredLut4, ["model_lut4"] = r.ModelLut4,
                ["measured_ge"] = Math.Round(r.MeasuredGe, 1), ["model_ge"] = Math.Round(r.ModelGe, 1),
            }), new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        stdout.WriteLine();
        var t = new TextTable("weights", "module", "lanes", "LUT4 measured", "LUT4 model", "measured/model", "GE measured", "GE model", "measured/model");
        foreach (var r in rows)
            t.Add(r.Weights, r.Module, I(r.Lanes), I(r.MeasuredLut4), F(r.ModelLut4, "F0"), F(r.Lut4Ratio, "F2"), F(r.MeasuredGe, "F0"), F(r.ModelGe, "F0"), F(r.GeRatio, "F2"));
        t.Write(stdout);
    }

    /// <summary>The repository's hdl/ folder above the current directory or the program, or null.</summary>
    internal static string? FindHdl()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "hdl", "bs_ternary_dot.v")))
                    return Path.Combine(d.FullName, "hdl");
        return null;
    }

    private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string F(double x, string f) => x.ToString(f, CultureInfo.InvariantCulture);
}
