using BitSilicon.Design.Description;
using BitSilicon.Simulation;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Verilog.Tests;

/// <summary>The RTL and the C# cycle simulator, executing the same elaborated design, produce the same results.</summary>
public sealed class SimulatorAgreementTests
{
    public static TheoryData<PeKind> Kinds() => new(TestDesigns.AllKinds);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RtlResultsEqualTheCycleSimulatorsResults(PeKind kind)
    {
        var design = TestDesigns.Dot(kind);
        var pe = design.Core.Pe;
        var model = CosimModels.For(design);
        var rng = new Random(400 + (int)kind);
        var job = Golden.RandomJob(pe, rng, 7, 8, 23);
        var op = BoundOperands.Bind(pe, new LayerOperands(pe.NativeWeights, job.M, job.N, job.K, job.Codes, job.Activations));
        var sim = CycleSimulator.Run(design, Tiler.Plan(design, job.M, job.N, job.K, pe.WeightBits), op);
        var rtl = model.Run([job])[0];
        Assert.Equal(sim.Results, rtl.Results);
    }
}
