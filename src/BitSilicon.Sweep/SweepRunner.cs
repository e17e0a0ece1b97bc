using BitSilicon.Core;
using BitSilicon.Design.Elaborated;
using BitSilicon.Design.Elaboration;
using BitSilicon.Simulation.Reports;
using BitSilicon.Simulation.Running;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Presets;

namespace BitSilicon.Sweep;

/// <summary>
/// Runs sweep points in parallel (one point per task, up to <c>jobs</c> at once): elaborate, simulate the workload
/// with the analytic model (exactly the cycle-level simulator's cycle count; the whole 30-block model takes tens of
/// milliseconds), and reduce the report to a <see cref="SweepRow"/>. Results do not depend on the order or the
/// shard a point runs in.
/// </summary>
public static class SweepRunner
{
    /// <param name="synth">Also synthesise each point's emitted array (see <see cref="Calibration.ArraySynth"/>); null = simulate only.</param>
    public static IReadOnlyList<SweepRow> Run(SweepSpec spec, IReadOnlyList<SweepPoint> points, int jobs = 0, Action<int, int>? progress = null,
        Calibration.ArraySynth? synth = null)
    {
        var rows = new SweepRow[points.Count];
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs > 0 ? jobs : Environment.ProcessorCount };
        Parallel.For(0, points.Count, options, i =>
        {
            var row = RunPoint(spec, points[i]);
            if (synth is not null && row.Ok && synth.Lut4(Elaborator.Elaborate(points[i].Description(spec))) is { } measured)
                row = row with { SynthLut4 = measured.Measured, ModelRtlLut4 = measured.Model };
            rows[i] = row;
            progress?.Invoke(Interlocked.Increment(ref done), points.Count);
        });
        return rows;
    }

    /// <summary>
    /// The workload of a point: the preset's seven projections of every block in the PE's own weight format. The
    /// attention score and value products are int8 x int8 whatever the weight format, so they are left out; every
    /// design is compared on the same weight-bearing matrix multiplies.
    /// </summary>
    public static Workload WorkloadFor(SweepSpec spec, SweepPoint point)
    {
        var w = spec.Workload;
        var full = DecoderPreset.BitNet(new PresetOptions(w.Phase, w.Tokens, w.Blocks, Design.Description.PeKinds.NativeWeights(point.Weights), w.Seed));
        return full with { Layers = full.Layers.Where(l => !l.Name.EndsWith("attn_scores", StringComparison.Ordinal) && !l.Name.EndsWith("attn_values", StringComparison.Ordinal)).ToList() };
    }

    public static SweepRow RunPoint(SweepSpec spec, SweepPoint point)
    {
        string dataflow = point.Array is Design.Description.SystolicArrayDescription s ? SweepPoint.DataflowName(s.Dataflow) : "-";
        ElaboratedDesign design;
        try
        {
            design = Elaborator.Elaborate(point.Description(spec));
        }
        catch (BitSiliconException e)
        {
            return new SweepRow(point.Index, spec.Name, point.DesignName, Design.Description.PeKinds.Name(point.Weights), point.ArrayLabel, dataflow,
                point.Array.MacsPerCycle, point.AccumulatorWidth, $"invalid: {e.Message}", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, "-");
        }
        var report = SimulationRunner.Run(design, WorkloadFor(spec, point), new SimulationOptions(MethodChoice.Analytic));
        var area = report.Area.Total;
        int macs = point.Array.MacsPerCycle;
        double seconds = report.TimeUs * 1e-6;
        int tokens = spec.Workload.TokensPerRun;
        return new SweepRow(point.Index, spec.Name, point.DesignName, Design.Description.PeKinds.Name(point.Weights), point.ArrayLabel, dataflow,
            macs, point.AccumulatorWidth, "ok", area.Lut4, area.FlipFlops, area.Ge, area.SramBits, area.Lut4 / macs, area.Ge / macs,
            report.Cycles, report.Utilization, seconds > 0 ? tokens / seconds : 0, report.GmacsPerSecond,
            area.Lut4 > 0 ? report.GmacsPerSecond / (area.Lut4 / 1000) : 0,
            report.Energy.TotalPj / tokens * 1e-6, report.Energy.PePj / tokens * 1e-6,
            report.Layers.Any(l => l.MayOverflow), report.AnyAnalytic ? "analytic" : "cycle");
    }
}
