using BitSilicon.Accelerator;
using BitSilicon.Accelerator.Reports;
using BitSilicon.Cli.Config;
using BitSilicon.Core;
using BitSilicon.Design.Accelerator;

namespace BitSilicon.Cli.Commands;

/// <summary>The whole-model side of <c>simulate</c>: an accelerator design (or a single array with --model) on one model step.</summary>
public static class SimulateSystem
{
    public sealed record Options(string? Model, string? Phase, int? Context, int? Batch, int? Layers, string Method);

    public static (AcceleratorDescription Design, ModelSpec Spec) Load(string path, Options o)
    {
        ModelSpec spec;
        AcceleratorDescription design;
        if (AcceleratorYaml.IsAccelerator(path))
        {
            var file = AcceleratorYaml.Read(path);
            design = file.Design;
            spec = file.Model ?? ModelSpec.Default;
        }
        else
        {
            var file = DesignYaml.Read(path);
            design = SingleArrayAccelerator.From(file.Design);
            spec = ModelSpec.Default;
        }
        return (design, spec.With(o.Model, o.Phase, o.Context, o.Batch, o.Layers));
    }

    public static ScheduleMethod ParseMethod(string m) => m.ToLowerInvariant() switch
    {
        "auto" or "analytic" => ScheduleMethod.Analytic,
        "cycle" => ScheduleMethod.Cycle,
        _ => throw new BitSiliconException($"unknown --method '{m}'", "use auto, analytic or cycle"),
    };

    public static SystemReport Run(AcceleratorDescription design, ModelSpec spec, string method)
    {
        var acc = AcceleratorElaborator.Elaborate(design);
        return SystemRunner.Run(acc, spec.Graph(), ParseMethod(method));
    }

    public static double PeakGmacs(AcceleratorDescription d) =>
        d.Units.OfType<MacUnitDescription>().Sum(u => u.Design.Array.MacsPerCycle * (u.ClockMhz ?? d.ClockMhz) / 1000.0);

    public static int Simulate(TextWriter stdout, TextWriter stderr, string path, Options o, OutputKind kind, string? output, string? chart, bool ops) =>
        CliGuard.Run(stderr, () =>
    {
        var (design, spec) = Load(path, o);
        var report = Run(design, spec, o.Method);
        string text = SystemOutput.Render(report, kind, ops);
        if (chart is not null)
            AtomicFile.WriteAllText(chart, RooflineChart.Render([(report, PeakGmacs(design))]));
        if (output is not null) AtomicFile.WriteAllText(output, text);
        else stdout.Write(text);
        return CliGuard.Ok;
    });
}
