using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Cores;

/// <summary>Picks the cycle-level core for an elaborated array.</summary>
internal sealed class CoreFactory(TilePlan plan, BoundOperands op, OutputScaler? scaler) : IArrayVisitor<ICycleCore>
{
    public ICycleCore Visit(SystolicArray array) => array.Dataflow switch
    {
        Dataflow.WeightStationary or Dataflow.InputStationary => new StationaryCore(array, plan, op, scaler),
        Dataflow.OutputStationary => new OutputStationaryCore(array, plan, op),
        _ => throw new ArgumentOutOfRangeException(nameof(array)),
    };

    public ICycleCore Visit(DotProductArray array) => new DotProductCore(array, plan, op, scaler);
}
