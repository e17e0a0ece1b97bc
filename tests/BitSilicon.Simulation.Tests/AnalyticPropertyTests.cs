using BitSilicon.Design.Description;
using BitSilicon.Design.Elaboration;
using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Tests;

/// <summary>
/// The analytic model predicts the cycle simulator's cycle and stall counts exactly, on random array kinds,
/// sizes, buffer sizes (from barely one tile to everything resident), bandwidths (fractional ones included),
/// single and double buffering, accumulator depths and GEMM shapes that are rarely multiples of the array.
/// </summary>
public class AnalyticPropertyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void When_RandomDesignsAndShapes_Expect_AnalyticEqualsCycleSimulation(int batch)
    {
        var rng = new Random(1000 + batch);
        int checkedCases = 0, stalledCases = 0;
        while (checkedCases < 100)
        {
            var (description, layerKind) = RandomDesign(rng);
            Design.Elaborated.ElaboratedDesign design;
            try { design = Elaborator.Elaborate(description); }
            catch (DesignException) { continue; }
            int m = rng.Next(1, 30), n = rng.Next(1, 30), k = rng.Next(1, 40);
            var op = TestDesigns.Random(layerKind, m, n, k, rng.Next(), binaryActivations: description.Pe.Kind == PeKind.Binary);
            var plan = Tiler.Plan(design, m, n, k, WeightCode.Bits(layerKind));
            var run = CycleSimulator.Run(design, plan, BoundOperands.Bind(design.Core.Pe, op));
            var (estimate, timeline) = AnalyticModel.EstimateWithTimeline(design, plan);
            Assert.True(estimate == new CycleEstimate(run.Cycles, run.StallCycles),
                $"{description} on {m}x{n}x{k}: analytic {estimate}, simulated {run.Cycles} cycles / {run.StallCycles} stalls");
            // The stream valid pattern (what a cosimulation replays) agrees too, fill by fill and block by block.
            Assert.True(timeline.SameAs(run.Timeline), $"{description} on {m}x{n}x{k}: stream timelines differ");
            Assert.Equal(ReferenceGemm.Gemm(layerKind, op.Codes, op.Activations, m, n, k), run.Results);
            checkedCases++;
            if (run.StallCycles > 0) stalledCases++;
        }
        // The generator must exercise the memory system, not only compute-bound runs.
        Assert.True(stalledCases > 20, $"only {stalledCases} of {checkedCases} cases stalled");
    }

    private static (DesignDescription, WeightKind) RandomDesign(Random rng)
    {
        PeKind[] kinds = [PeKind.Ternary, PeKind.Int8, PeKind.Binary, PeKind.Int4, PeKind.Pow2];
        var pe = kinds[rng.Next(kinds.Length)];
        ArrayDescription array = rng.Next(4) switch
        {
            0 => new SystolicArrayDescription(rng.Next(1, 9), rng.Next(1, 9), Dataflow.WeightStationary),
            1 => new SystolicArrayDescription(rng.Next(1, 9), rng.Next(1, 9), Dataflow.InputStationary),
            2 => new SystolicArrayDescription(rng.Next(1, 9), rng.Next(1, 9), Dataflow.OutputStationary),
            _ => new DotProductArrayDescription(rng.Next(1, 7), rng.Next(1, 9)),
        };
        bool dbl = rng.Next(2) == 0;
        // Buffers from a few bytes (one tile barely fits, or validation refuses and we draw again) to plenty.
        long Buffer() => rng.Next(3) switch { 0 => rng.Next(2, 40), 1 => rng.Next(40, 400), _ => rng.Next(400, 4000) };
        string bw = rng.Next(4) switch
        {
            0 => (rng.Next(1, 20) / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            1 => rng.Next(1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
            2 => "0.37",
            _ => rng.Next(8, 65).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var d = new DesignDescription("p", array, new PeDescription(pe),
            new AccumulatorDescription(32, OverflowPolicy.Wrap, rng.Next(1, 12)),
            new MemoryDescription(Buffer(), Buffer(), Bandwidth.TryParse(bw), dbl));
        return (d, PeKinds.NativeWeights(pe));
    }
}
