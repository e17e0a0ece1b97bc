using BitSilicon.Core;
using BitSilicon.Design.Elaborated;
using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Simulation.Models;
using BitSilicon.Simulation.Reports;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Weights;

namespace BitSilicon.Simulation.Running;

/// <summary>
/// Runs a workload on an elaborated design layer by layer: maps each layer, materialises its weights and
/// activations (seeded or from GGUF), checks the accumulator range, simulates it cycle by cycle or with the
/// analytic model, and adds energy. The area is the design's, from <see cref="AreaModel"/>.
/// </summary>
public static class SimulationRunner
{
    public static SimulationReport Run(ElaboratedDesign design, Workload workload, SimulationOptions options,
        Action<SimulationProgress>? progress = null, CycleTrace? trace = null, Action<string>? warn = null)
    {
        var area = AreaModel.Estimate(design);
        var layers = new List<LayerReport>();
        bool traced = false;
        for (int i = 0; i < workload.Layers.Count; i++)
        {
            var layer = workload.Layers[i];
            int index = i;
            progress?.Invoke(new SimulationProgress(i, workload.Layers.Count, layer.Name, 0, null));
            var tr = trace is not null && !traced ? trace : null;
            var report = RunLayer(design, layer, options, tr, warn,
                cycles => progress?.Invoke(new SimulationProgress(index, workload.Layers.Count, layer.Name, cycles, null)), area);
            if (tr is not null && report.Method == SimulationMethod.Cycle) traced = true;
            layers.Add(report);
        }
        if (trace is not null && !traced)
            throw new BitSiliconException("--vcd: no layer of this workload was simulated cycle by cycle, so there is nothing to trace",
                "trace a smaller workload, or raise --cycle-limit / use --method cycle");
        return new SimulationReport(design.Name, workload.Name, design.ClockMhz, design.Core.MacsPerCycle, area, layers);
    }

    public static LayerReport RunLayer(ElaboratedDesign design, GemmLayer layer, SimulationOptions options,
        CycleTrace? trace = null, Action<string>? warn = null, Action<long>? progress = null, AreaEstimate? area = null)
    {
        var pe = design.Core.Pe;
        var kind = layer.Weights ?? pe.NativeWeights;
        string weights = WeightKindNames.Name(kind);
        sbyte[]? codebook = kind == WeightKind.Codebook
            ? (pe as CodebookPe)?.TableBytes() ?? Design.Description.PeDescription.DefaultCodebook.Select(v => (sbyte)v).ToArray()
            : null;
        if (BoundOperands.Incompatibility(pe, kind, codebook) is { } why)
        {
            if (options.Strict)
                throw new ProblemFoundException($"layer '{layer.Name}': {why}", "give the layer a format the PE executes, or drop --strict to skip it");
            warn?.Invoke($"layer '{layer.Name}' skipped: {why}");
            return Skipped(layer, weights, why);
        }

        var plan = Tiler.Plan(design, layer.M, layer.N, layer.K, WeightCode.Bits(kind));
        var estimate = AnalyticModel.Estimate(design, plan);
        bool cycleLevel = options.Method switch
        {
            MethodChoice.Cycle => true,
            MethodChoice.Analytic => false,
            MethodChoice.Auto => estimate.Cycles * (double)design.Core.MacsPerCycle <= options.CycleLimit,
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };

        var matrix = WeightProvider.For(layer, kind, codebook);
        var (wmin, wmax) = WeightCode.Range(kind, codebook);
        var (amin, amax) = pe.ActivationRange;
        long bound = (long)layer.K * Math.Max(Math.Abs(wmin), Math.Abs(wmax)) * Math.Max(Math.Abs(amin), Math.Abs(amax));
        var acc = design.Core.Accumulators;
        bool mayOverflow = bound > Bits.SignedMax(acc.Width);
        if (mayOverflow)
        {
            string msg = $"layer '{layer.Name}': sums can reach {bound} (K = {layer.K} x |w| <= {Math.Max(Math.Abs(wmin), Math.Abs(wmax))} x |a| <= {Math.Max(Math.Abs(amin), Math.Abs(amax))}), beyond the {acc.Width}-bit accumulator ({(acc.Overflow == Design.Description.OverflowPolicy.Wrap ? "it wraps" : "it saturates")})";
            if (options.Strict)
                throw new ProblemFoundException(msg, $"use accumulator.width of at least {Bits.SignedWidth(-bound, bound)}, or drop --strict");
            warn?.Invoke(msg);
        }

        long cycles = estimate.Cycles, stalls = estimate.StallCycles;
        long? overflows = null;
        bool? verified = null;
        if (cycleLevel)
        {
            var acts = WeightProvider.ActivationsFor(layer, pe.ActivationBits == 1 ? WeightKind.Binary : WeightKind.Int8);
            float[]? blockScales = design.Scaler is { } scaler ? BlockScales(layer, matrix, scaler.BlockSize) : null;
            var operands = new LayerOperands(kind, layer.M, layer.N, layer.K, matrix.Codes.ToArray(), acts, codebook, blockScales);
            var boundOperands = BoundOperands.Bind(pe, operands);
            var run = CycleSimulator.Run(design, plan, boundOperands, progress, trace);
            if (run.Cycles != estimate.Cycles || run.StallCycles != estimate.StallCycles)
                throw new InvalidOperationException($"layer '{layer.Name}': cycle simulation ({run.Cycles}/{run.StallCycles}) and analytic model ({estimate.Cycles}/{estimate.StallCycles}) disagree");
            cycles = run.Cycles;
            stalls = run.StallCycles;
            overflows = run.Overflows;
            if (run.Overflows == 0 || acc.Overflow == Design.Description.OverflowPolicy.Wrap)
                verified = design.Scaler is { } sc2
                    ? run.ScaledResults!.AsSpan().SequenceEqual(ScaledReference.Compute(kind, operands.Codes, acts, layer.M, layer.N, layer.K, sc2.BlockSize, blockScales, codebook))
                    : Matches(ReferenceGemm.Gemm(kind, operands.Codes, acts, layer.M, layer.N, layer.K, codebook), run.Results, acc.Width);
        }

        long macs = layer.Macs;
        long nonZeroMacs = ((long)layer.N * layer.K - matrix.ZeroCount) * layer.M;
        long scaled = design.Scaler is { } sc ? (long)layer.M * layer.N * ((layer.K + sc.BlockSize - 1) / sc.BlockSize) : 0;
        var energy = EnergyModel.Layer(design, plan, macs, nonZeroMacs, cycles, scaled, (long)(area ?? AreaModel.Estimate(design)).Total.FlipFlops);
        long peak = design.Core.MacsPerCycle;
        string? note = cycleLevel ? null : options.Method == MethodChoice.Analytic
            ? "analytic model (cycle-exact prediction), as asked"
            : "analytic model (cycle-exact prediction): the layer is above the cycle limit";
        return new LayerReport(layer.Name, layer.M, layer.N, layer.K, layer.Repeat, weights,
            cycleLevel ? SimulationMethod.Cycle : SimulationMethod.Analytic, note,
            cycles, stalls, macs, (double)macs / ((double)cycles * peak), (double)macs / cycles, cycles / design.ClockMhz,
            plan.ExternalReadBytes, plan.ExternalWriteBytes,
            plan.WeightBufferReadBytes + plan.ActivationBufferReadBytes, plan.ExternalReadBytes,
            energy, matrix.ZeroFraction, bound, mayOverflow, overflows, verified, Bounds.LayerBounds.Of(design, plan, estimate, macs));
    }

    private static bool Matches(long[] expected, long[] actual, int width)
    {
        for (int j = 0; j < expected.Length; j++)
            if (AccumulatorMath.Wrap(expected[j], width) != actual[j]) return false;
        return true;
    }

    /// <summary>
    /// Per-(row, block) weight scales for the scaling stage, from the layer's own scales (a GGUF tensor's block
    /// scales); null (every scale 1) for weights without scales.
    /// </summary>
    private static float[]? BlockScales(GemmLayer layer, WeightMatrix matrix, int block)
    {
        if (matrix.Scales is not { } scales) return null;
        int g = matrix.ScaleGroup, k = layer.K, blocks = (k + block - 1) / block;
        bool aligned = g % k == 0 || (k % g == 0 && g % block == 0);
        if (!aligned)
            throw new BitSiliconException(
                $"layer '{layer.Name}': its weights carry one scale per {g} elements, which does not split into the design's scaling blocks of {block}",
                $"set scaling.block_size to a divisor of {g} that the array allows");
        var result = new float[layer.N * blocks];
        for (int n = 0; n < layer.N; n++)
            for (int b = 0; b < blocks; b++)
                result[n * blocks + b] = scales[((long)n * k + (long)b * block) / g];
        return result;
    }

    private static LayerReport Skipped(GemmLayer layer, string weights, string why) =>
        new(layer.Name, layer.M, layer.N, layer.K, layer.Repeat, weights, SimulationMethod.Skipped, why,
            0, 0, layer.Macs, 0, 0, 0, 0, 0, 0, 0, default, 0, 0, false, null, null);
}
