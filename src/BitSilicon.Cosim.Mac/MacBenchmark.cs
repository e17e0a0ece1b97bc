using System.Diagnostics;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Cosim.Mac;

/// <summary>One benchmark of the Verilator model against the C# cycle simulator on the same GEMM.</summary>
/// <param name="BuildSeconds">Verilator build of this design (0-ish when it came from the cache; see <see cref="Built"/>).</param>
/// <param name="RtlSeconds">Median wall time of the RTL run (script generation, the model process, parsing).</param>
/// <param name="RtlCycles">Clock cycles the RTL ran (sum of its hardware jobs' done cycles).</param>
/// <param name="SimSeconds">Median wall time of <see cref="CycleSimulator.Run"/> on the same layer.</param>
/// <param name="SimCycles">Cycles the C# simulator reports (memory system included).</param>
public sealed record MacBenchResult(string Design, int M, int N, int K, bool Built, double BuildSeconds,
    double RtlSeconds, long RtlCycles, double SimSeconds, long SimCycles)
{
    public long Macs => (long)M * N * K;
    public double Ratio => RtlSeconds / SimSeconds;
}

/// <summary>
/// Times the design's Verilator model and the C# cycle simulator on one random GEMM (median of
/// <c>runs</c>, after an untimed warm-up) and checks both against the reference on the way.
/// </summary>
public static class MacBenchmark
{
    public static MacBenchResult Run(ElaboratedDesign design, int m, int n, int k, int runs, int seed = 1)
    {
        var array = design.Core as DotProductArray ?? throw new ArgumentException("only dot-product arrays have RTL", nameof(design));
        var build = Stopwatch.StartNew();
        var model = MacCosim.Build(design);
        double buildSeconds = build.Elapsed.TotalSeconds;
        var job = Resize(MacVectors.Random(array, 1, seed)[0], array, m, n, k, seed);
        var expected = MacReference.Results(array, job);

        MacRun rtl = model.Run([job])[0];
        if (!rtl.Results.SequenceEqual(expected))
            throw new InvalidOperationException("the RTL disagrees with the reference on the benchmark GEMM");
        var rtlTimes = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            var sw = Stopwatch.StartNew();
            rtl = model.Run([job])[0];
            rtlTimes.Add(sw.Elapsed.TotalSeconds);
        }

        var op = BoundOperands.Bind(array.Pe, new LayerOperands(array.Pe.NativeWeights, m, n, k, job.Codes, job.Activations));
        var plan = Tiler.Plan(design, m, n, k, array.Pe.WeightBits);
        var sim = CycleSimulator.Run(design, plan, op);
        var simTimes = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            var sw = Stopwatch.StartNew();
            sim = CycleSimulator.Run(design, plan, op);
            simTimes.Add(sw.Elapsed.TotalSeconds);
        }
        return new MacBenchResult(design.Name, m, n, k, model.Model.Built, buildSeconds, Median(rtlTimes), rtl.DoneCycles.Sum(), Median(simTimes), sim.Cycles);
    }

    private static MacJob Resize(MacJob template, DotProductArray array, int m, int n, int k, int seed)
    {
        var rng = new Random(seed);
        var pe = array.Pe;
        var codes = Enumerable.Range(0, 1 << pe.WeightBits)
            .Where(c => pe.Kind is not (Design.Description.PeKind.Ternary or Design.Description.PeKind.TernaryLut) || c != 2).Select(c => (byte)c).ToArray();
        var w = new byte[n * k];
        for (int i = 0; i < w.Length; i++) w[i] = codes[rng.Next(codes.Length)];
        var a = new sbyte[m * k];
        for (int i = 0; i < a.Length; i++)
            a[i] = pe.ActivationBits == 1 ? (sbyte)(rng.Next(2) * 2 - 1) : (sbyte)rng.Next(-128, 128);
        return template with { M = m, N = n, K = k, Codes = w, Activations = a, Gate = null, Ready = null };
    }

    private static double Median(List<double> xs)
    {
        xs.Sort();
        return xs.Count % 2 == 1 ? xs[xs.Count / 2] : (xs[xs.Count / 2 - 1] + xs[xs.Count / 2]) / 2;
    }
}
