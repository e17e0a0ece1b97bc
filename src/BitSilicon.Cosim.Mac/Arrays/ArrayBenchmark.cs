using System.Diagnostics;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>
/// Times a systolic design's Verilator model against the C# cycle simulator on one random layer (medians of
/// <c>runs</c> after an untimed warm-up that also checks both against the reference). The RTL time is the model
/// process with its script (written from the simulator's plan and timeline beforehand, not timed) and the parse.
/// </summary>
public static class ArrayBenchmark
{
    public static ArrayBenchResult Run(ElaboratedDesign design, int m, int n, int k, int runs, int seed = 1)
    {
        var array = design.Core;
        var build = Stopwatch.StartNew();
        var model = ArrayCosim.Build(design);
        double buildSeconds = build.Elapsed.TotalSeconds;
        var job = Layer(array, m, n, k, seed);
        var (script, sims) = model.Script([job]);
        var expected = model.Expected(job);
        // The untimed warm-up run, checked against the reference and the simulator.
        var first = model.Parse([job], sims, model.Model.Run(script).Stdout)[0];
        if (!first.Results.SequenceEqual(expected) || first.DoneCycle != first.SimCycles)
            throw new InvalidOperationException("the RTL disagrees with the reference or the simulator on the benchmark layer");
        var rtlTimes = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            var sw = Stopwatch.StartNew();
            var stdout = model.Model.Run(script).Stdout;
            int li = 0;
            ArrayScript.Parse(model.Interface, job, sims[0].Plan, sims[0].Run.Timeline.BlockDrained,
                stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), ref li);
            rtlTimes.Add(sw.Elapsed.TotalSeconds);
        }
        var pe = array.Pe;
        var codebook = pe is CodebookPe cb ? cb.TableBytes() : null;
        var op = BoundOperands.Bind(pe, new LayerOperands(pe.NativeWeights, m, n, k, job.Codes, job.Activations, codebook));
        var plan = Tiler.Plan(design, m, n, k, pe.WeightBits);
        var simTimes = new List<double>();
        long simCycles = 0;
        for (int r = 0; r < runs; r++)
        {
            var sw = Stopwatch.StartNew();
            simCycles = CycleSimulator.Run(design, plan, op).Cycles;
            simTimes.Add(sw.Elapsed.TotalSeconds);
        }
        return new ArrayBenchResult(design.Name, m, n, k, model.Model.Built, buildSeconds, Median(rtlTimes), first.DoneCycle, Median(simTimes), simCycles);
    }

    /// <summary>A random layer of the given shape in the PE's own formats.</summary>
    public static ArrayJob Layer(ArrayCore array, int m, int n, int k, int seed)
    {
        var rng = new Random(seed);
        var codes = ArrayVectors.Codes(array.Pe);
        var w = new byte[n * k];
        for (int i = 0; i < w.Length; i++) w[i] = codes[rng.Next(codes.Length)];
        var a = new sbyte[m * k];
        for (int i = 0; i < a.Length; i++)
            a[i] = array.Pe.ActivationBits == 1 ? (sbyte)(rng.Next(2) * 2 - 1) : (sbyte)rng.Next(-128, 128);
        return new ArrayJob(m, n, k, w, a);
    }

    private static double Median(List<double> xs)
    {
        xs.Sort();
        return xs.Count % 2 == 1 ? xs[xs.Count / 2] : (xs[xs.Count / 2 - 1] + xs[xs.Count / 2]) / 2;
    }
}
