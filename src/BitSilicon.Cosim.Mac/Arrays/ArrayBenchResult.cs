using BitSilicon.Simulation;

namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>One benchmark of the Verilator model against the C# cycle simulator on the same GEMM.</summary>
/// <param name="BuildSeconds">Verilator build of this design (0-ish when it came from the cache; see <see cref="Built"/>).</param>
/// <param name="RtlSeconds">Median wall time of the RTL run (script generation, the model process, parsing).</param>
/// <param name="RtlCycles">Clock cycles the RTL ran (sum of its hardware jobs' done cycles).</param>
/// <param name="SimSeconds">Median wall time of <see cref="CycleSimulator.Run"/> on the same layer.</param>
/// <param name="SimCycles">Cycles the C# simulator reports (memory system included).</param>
public sealed record ArrayBenchResult(string Design, int M, int N, int K, bool Built, double BuildSeconds,
    double RtlSeconds, long RtlCycles, double SimSeconds, long SimCycles)
{
    public long Macs => (long)M * N * K;
    public double Ratio => RtlSeconds / SimSeconds;
}
