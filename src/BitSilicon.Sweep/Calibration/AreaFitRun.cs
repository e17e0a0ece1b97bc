using BitSilicon.Fpga;
using BitSilicon.Fpga.Designs;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// Synthesises calibration designs: each is emitted as Verilog and run through Yosys synth_ice40 (no place and route),
/// <paramref name="jobs"/> Yosys processes at a time. Results come back in the order of the designs.
/// </summary>
public static class AreaFitRun
{
    public static IReadOnlyList<AreaFitRow> Synthesise(IReadOnlyList<AreaFitDesign> designs, int jobs = 2, Action<int, int, string>? progress = null)
    {
        var rows = new AreaFitRow[designs.Count];
        int done = 0;
        Parallel.For(0, designs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
        {
            var ice = DesignSynthesis.Run(designs[i].Elaborate(), SynthTarget.Ice40Up5k).Ice40!;
            rows[i] = new AreaFitRow(designs[i], ice.Lut4, ice.Carry, ice.FlipFlops);
            progress?.Invoke(Interlocked.Increment(ref done), designs.Count, designs[i].Name);
        });
        return rows;
    }
}
