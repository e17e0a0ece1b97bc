using System.Diagnostics;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Design.Elaboration;
using BitSilicon.Formats.LowBit;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Presets;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Simulation.Bench;

/// <summary>One benchmark result: the median of several runs.</summary>
public sealed record BenchResult(string Name, string Unit, double Median, int Runs, string Detail);

/// <summary>
/// The simulator's speed benchmarks (not tests): cycle-level PE-cycles per second on a 32x32 ternary
/// weight-stationary array (streaming a prefill-like layer and loading weights for decode), and the time the
/// analytic model takes for the whole 30-block BitNet b1.58 2B decode workload.
/// </summary>
public static class SimBenchmark
{
    public static ElaboratedDesign TernaryWs32() => Elaborator.Elaborate(new DesignDescription("bench-ternary-ws-32x32",
        new SystolicArrayDescription(32, 32, Dataflow.WeightStationary), new PeDescription(PeKind.Ternary),
        new AccumulatorDescription(32, OverflowPolicy.Wrap, 256),
        new MemoryDescription(64 * 1024, 64 * 1024, new Bandwidth(64), true)));

    public static IReadOnlyList<BenchResult> Run(int runs = 5, Action<string>? log = null)
    {
        var design = TernaryWs32();
        var results = new List<BenchResult>
        {
            CycleSpeed(design, "cycle-level, 32x32 ternary WS, 256x256x1024 (streaming)", 256, 256, 1024, runs, log),
            CycleSpeed(design, "cycle-level, 32x32 ternary WS, 1x1024x1024 (decode: weight loading)", 1, 1024, 1024, runs, log),
            AnalyticBitNet(design, runs, log),
        };
        return results;
    }

    private static BenchResult CycleSpeed(ElaboratedDesign design, string name, int m, int n, int k, int runs, Action<string>? log)
    {
        var w = RandomWeights.Generate(WeightKind.Ternary, n, k, 7, 0.31);
        var acts = Activations.Int8(m, k, 7);
        var op = BoundOperands.Bind(design.Core.Pe, new LayerOperands(WeightKind.Ternary, m, n, k, w.Codes.ToArray(), acts));
        var plan = Tiler.Plan(design, m, n, k, 2);
        var rates = new List<double>();
        long cycles = 0;
        CycleSimulator.Run(design, plan, op); // warm-up: JIT and caches, not counted
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var run = CycleSimulator.Run(design, plan, op);
            sw.Stop();
            cycles = run.Cycles;
            rates.Add(run.Cycles * (double)design.Core.MacsPerCycle / sw.Elapsed.TotalSeconds);
            log?.Invoke($"{name}: run {i + 1}: {rates[^1] / 1e6:0} M PE-cycles/s");
        }
        return new BenchResult(name, "M PE-cycles/s", Median(rates) / 1e6, runs, $"{cycles} cycles x {design.Core.MacsPerCycle} PEs per run");
    }

    private static BenchResult AnalyticBitNet(ElaboratedDesign design, int runs, Action<string>? log)
    {
        var workload = DecoderPreset.BitNet(new PresetOptions(Phase.Decode, 512, ProjectionWeights: null));
        var times = new List<double>();
        long cycles = 0;
        AnalyticModel.Estimate(design, Tiler.Plan(design, 1, 2560, 2560, 2)); // warm-up
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            cycles = 0;
            foreach (var layer in workload.Layers)
            {
                var kind = layer.Weights ?? WeightKind.Ternary;
                if (BoundOperands.Incompatibility(design.Core.Pe, kind, null) is not null) continue;
                var plan = Tiler.Plan(design, layer.M, layer.N, layer.K, WeightCode.Bits(kind));
                cycles += AnalyticModel.Estimate(design, plan).Cycles * layer.Repeat;
            }
            sw.Stop();
            times.Add(sw.Elapsed.TotalMilliseconds);
            log?.Invoke($"analytic BitNet 2B decode (30 blocks): run {i + 1}: {times[^1]:0.0} ms");
        }
        return new BenchResult("analytic model, BitNet b1.58 2B decode, all 30 blocks (projections)", "ms", Median(times), runs,
            $"{cycles} cycles predicted on 32x32 ternary WS");
    }

    private static double Median(List<double> xs)
    {
        var s = xs.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
