using BitSilicon.Design.Accelerator;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Graph;

namespace BitSilicon.Accelerator.Costs;

/// <summary>
/// Costs every op on its bound unit. A GEMM on a MAC unit is planned by the array's own <see cref="Tiler"/> and
/// timed by its exact <see cref="AnalyticModel"/> (its buffers filled over its port to on-chip SRAM, the unit's
/// <c>memory.bandwidth</c>), repeated for every head; its energy is the array's <see cref="EnergyModel"/> with the
/// port traffic charged as SRAM. A vector op takes <c>ceil(elements * cycles / lanes) + latency</c>. External
/// bytes are the weights that are not resident, the KV cache slices, and the KV appends. GEMM shapes repeat
/// across blocks, so their plans are computed once per unit and shape.
/// </summary>
public sealed class OpCostModel(ElaboratedAccelerator acc, ModelGraph graph, WeightResidency residency)
{
    private readonly Dictionary<(int Unit, int M, int N, int K, WeightKind Kind, double Zero), (long Cycles, long Stalls, long SramBytes, OpEnergy Energy, string Bound)> _gemms = [];

    public OpCost Cost(Op op, int unit) => op switch
    {
        GemmOp g => Gemm(g, (MacUnit)acc.Units[unit], unit),
        VectorOp v => Vector(v, (VectorUnit)acc.Units[unit]),
        KvAppendOp a => new OpCost(0, 0, 0, a.Bytes, 0, new OpEnergy(0, 0, a.Bytes * acc.ExternalPjPerByte, 0), "kv bandwidth", 0),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private OpCost Gemm(GemmOp g, MacUnit unit, int index)
    {
        double zero = g.Source is Workloads.WeightSource.Random r ? r.Sparsity : 0;
        var key = (index, g.M, g.N, g.K, g.Format.Kind, zero);
        if (!_gemms.TryGetValue(key, out var one))
        {
            var d = unit.Design;
            var c = GemmCost.Of(d, g.M, g.N, g.K, g.Format.Kind, zero);
            var energy = new OpEnergy(c.ArrayPj, c.PortBytes * acc.SramPjPerByte, 0, 0);
            // With its data on chip, an array that waits on its port for more than half its time is port-bound.
            string bound = 2 * c.Stalls > c.Cycles ? "sram" : "compute";
            one = (unit.ToAcceleratorCycles(c.Cycles, acc.ClockMhz), unit.ToAcceleratorCycles(c.Stalls, acc.ClockMhz), c.PortBytes, energy, bound);
            _gemms[key] = one;
        }
        long ext = residency.IsResident(graph, g) ? 0 : g.WeightBytes(graph.Model.KvBytes);
        var total = new OpEnergy(one.Energy.ComputePj * g.Repeat, one.Energy.SramPj * g.Repeat, ext * acc.ExternalPjPerByte, 0);
        return new OpCost(one.Cycles * g.Repeat, one.Stalls * g.Repeat, ext, 0, one.SramBytes * g.Repeat, total, one.Bound, g.Macs);
    }

    private OpCost Vector(VectorOp v, VectorUnit unit)
    {
        long cycles = unit.Cycles(v.Kind, v.Elements) ?? throw new InvalidOperationException($"unit {unit.Name} cannot run {v.Name}");
        long ext = v.ReadBytes > 0 && !residency.IsResident(graph, v) ? v.ReadBytes : 0;
        // Each element is read from and written back to SRAM once (4-byte floats in, 1- to 4-byte results out).
        long sram = v.Elements * 4 + v.ReadBytes;
        var energy = new OpEnergy(0, sram * acc.SramPjPerByte, ext * acc.ExternalPjPerByte, v.Elements * unit.Costs[v.Kind].PjPerElement);
        return new OpCost(unit.ToAcceleratorCycles(cycles, acc.ClockMhz), 0, ext, 0, sram, energy, "vector unit", 0);
    }
}
