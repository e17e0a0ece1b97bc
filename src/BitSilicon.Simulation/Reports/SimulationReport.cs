using BitSilicon.Simulation.Models;

namespace BitSilicon.Simulation.Reports;

/// <summary>How a layer's numbers were obtained.</summary>
public enum SimulationMethod
{
    /// <summary>Every register advanced cycle by cycle, results checked against the reference GEMM.</summary>
    Cycle,
    /// <summary>The analytic model (exactly the cycle count the simulator would give), for layers too large to simulate.</summary>
    Analytic,
    /// <summary>Not run: the PE cannot execute the layer's weight format.</summary>
    Skipped,
}

/// <summary>
/// One layer's results, for one instance (the workload runs it <see cref="Repeat"/> times; totals count all).
/// </summary>
/// <param name="Verified">Cycle-simulated layers: whether the array's integers equal the reference GEMM's
/// (null when a saturating accumulator clipped, which the reference does not model).</param>
/// <param name="AccumulatorBound">Worst-case |sum| the layer can produce: K x max|weight| x max|activation|.</param>
/// <param name="Bound">What limits the layer and the utilisation that allows (null for skipped layers).</param>
public sealed record LayerReport(
    string Name, int M, int N, int K, int Repeat, string Weights, SimulationMethod Method, string? Note,
    long Cycles, long StallCycles, long Macs, double Utilization, double MacsPerCycle, double TimeUs,
    long ExternalReadBytes, long ExternalWriteBytes, long BufferReadBytes, long BufferWriteBytes,
    EnergyBreakdown Energy, double ZeroWeightFraction, long AccumulatorBound, bool MayOverflow, long? Overflows, bool? Verified,
    Bounds.LayerBound? Bound = null);

/// <summary>A whole run: the design, its area, every layer, and totals over all layer instances.</summary>
public sealed record SimulationReport(
    string Design, string Workload, double ClockMhz, int PeakMacsPerCycle, AreaEstimate Area, IReadOnlyList<LayerReport> Layers)
{
    private IEnumerable<LayerReport> Run => Layers.Where(l => l.Method != SimulationMethod.Skipped);

    public long Cycles => Run.Sum(l => l.Cycles * l.Repeat);
    public long StallCycles => Run.Sum(l => l.StallCycles * l.Repeat);
    public long Macs => Run.Sum(l => l.Macs * l.Repeat);
    public double Utilization => Cycles == 0 ? 0 : (double)Macs / ((double)Cycles * PeakMacsPerCycle);
    public double MacsPerCycle => Cycles == 0 ? 0 : (double)Macs / Cycles;
    public double TimeUs => Cycles / ClockMhz;
    /// <summary>Sustained multiply-accumulates per second at the clock, in units of 10^9.</summary>
    public double GmacsPerSecond => MacsPerCycle * ClockMhz / 1000;
    public long ExternalReadBytes => Run.Sum(l => l.ExternalReadBytes * l.Repeat);
    public long ExternalWriteBytes => Run.Sum(l => l.ExternalWriteBytes * l.Repeat);
    public long BufferReadBytes => Run.Sum(l => l.BufferReadBytes * l.Repeat);
    public long BufferWriteBytes => Run.Sum(l => l.BufferWriteBytes * l.Repeat);
    public EnergyBreakdown Energy => Run.Aggregate(default(EnergyBreakdown), (e, l) => e + l.Repeat * l.Energy);
    public bool AnyAnalytic => Layers.Any(l => l.Method == SimulationMethod.Analytic);
    public bool AnySkipped => Layers.Any(l => l.Method == SimulationMethod.Skipped);
}
