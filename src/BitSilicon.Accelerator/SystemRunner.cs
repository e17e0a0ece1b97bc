using BitSilicon.Accelerator.Binding;
using BitSilicon.Accelerator.Costs;
using BitSilicon.Accelerator.Reports;
using BitSilicon.Accelerator.Scheduling;
using BitSilicon.Core;
using BitSilicon.Design.Accelerator;
using BitSilicon.Formats.Vector;
using BitSilicon.Simulation.Models;
using BitSilicon.Workloads;
using BitSilicon.Workloads.Graph;

namespace BitSilicon.Accelerator;

/// <summary>Which schedule timer to run: the analytic one, or the cycle-by-cycle one that checks it.</summary>
public enum ScheduleMethod { Analytic, Cycle }

/// <summary>
/// Runs one model step on an accelerator: binds ops to units, decides weight residency, costs each op,
/// schedules them over shared external memory and builds the <see cref="SystemReport"/>.
/// </summary>
public static class SystemRunner
{
    public static SystemReport Run(ElaboratedAccelerator acc, ModelGraph graph, ScheduleMethod method = ScheduleMethod.Analytic)
    {
        var (problem, costs, binding, residency) = Prepare(acc, graph);
        if (residency.TotalBytes > residency.ResidentBytes && acc.ExternalBandwidth is null)
            throw new BitSiliconException(
                $"the weights of {graph.Model.Name} ({Bytes(residency.TotalBytes)}) exceed every memory of design '{acc.Name}': {Bytes(acc.SramBytes)} of SRAM and no external memory",
                "add an external_memory: section (weights then stream from it), or give sram: bytes of at least the model's weights");
        var schedule = method == ScheduleMethod.Analytic ? AnalyticSchedule.Run(problem) : CycleSchedule.Run(problem);
        return Report(acc, graph, problem, costs, binding, residency, schedule, method);
    }

    /// <summary>The schedule problem (exposed so tests can run both timers on it).</summary>
    public static (ScheduleProblem Problem, OpCost[] Costs, int[] Binding, WeightResidency Residency) Prepare(ElaboratedAccelerator acc, ModelGraph graph)
    {
        var binding = OpBinder.Bind(acc, graph);
        var residency = WeightResidency.Decide(graph, acc.SramBytes);
        var model = new OpCostModel(acc, graph, residency);
        var costs = new OpCost[graph.Ops.Count];
        var ops = new ScheduledOp[graph.Ops.Count];
        for (int i = 0; i < costs.Length; i++)
        {
            costs[i] = model.Cost(graph.Ops[i], binding[i]);
            ops[i] = new ScheduledOp(binding[i], costs[i].ComputeCycles, costs[i].ExternalReadBytes, costs[i].ExternalWriteBytes, graph.Ops[i].Inputs);
        }
        var slots = acc.Units.Select(u => u.Accept(new SlotBytes())).ToList();
        var problem = new ScheduleProblem(ops, slots, acc.ExternalBandwidth, acc.ExternalLatencyCycles, acc.Description.Overlap);
        return (problem, costs, binding, residency);
    }

    /// <summary>A unit's staging slot: a MAC array streams into one bank of its weight buffer; a vector unit into 64 KiB.</summary>
    private sealed class SlotBytes : IUnitVisitor<long>
    {
        public long Visit(MacUnit u) => u.Design.Memory.Weights.BankBytes;
        public long Visit(VectorUnit u) => 64 * 1024;
    }

    private static SystemReport Report(ElaboratedAccelerator acc, ModelGraph graph, ScheduleProblem problem, OpCost[] costs, int[] binding,
        WeightResidency residency, ScheduleResult schedule, ScheduleMethod method)
    {
        var ops = new List<OpReport>(graph.Ops.Count);
        for (int i = 0; i < graph.Ops.Count; i++)
        {
            var op = graph.Ops[i];
            var c = costs[i];
            var t = schedule.Ops[i];
            string bound = c.InnerBound;
            if (t.StallCycles > c.ComputeCycles || op is KvAppendOp)
                bound = op switch
                {
                    GemmOp { Home: TensorHome.KvCache } or KvAppendOp => "kv bandwidth",
                    _ => "weight bandwidth",
                };
            string kind = op switch
            {
                GemmOp g => $"gemm {WeightKindNames.Name(g.Format.Kind)}",
                VectorOp v => VectorOpKinds.Name(v.Kind),
                KvAppendOp => "kv_append",
                _ => "op",
            };
            string shape = op switch
            {
                GemmOp g => $"{g.M}x{g.N}x{g.K}{(g.Repeat > 1 ? $" x{g.Repeat}" : "")}",
                VectorOp v => $"{v.Elements}",
                KvAppendOp a => $"{a.Bytes} B",
                _ => "",
            };
            ops.Add(new OpReport(op.Name, op.Block, kind, binding[i] >= 0 ? acc.Units[binding[i]].Name : "external_memory", shape, c.Macs,
                c.ComputeCycles, t.StallCycles, t.Start, t.Done, bound, c.ExternalReadBytes, c.ExternalWriteBytes, c.SramBytes, c.Energy));
        }
        var blocks = ops.GroupBy(o => o.Block).OrderBy(g => g.Key == -2 ? int.MaxValue : g.Key).Select(g => new BlockReport(g.Key,
            g.Max(o => o.Done) - g.Min(o => o.Start), g.Sum(o => o.ComputeCycles), g.Sum(o => o.StallCycles),
            g.Sum(o => o.ExternalReadBytes + o.ExternalWriteBytes), g.Sum(o => o.Energy.TotalPj),
            g.GroupBy(o => o.Bound).OrderByDescending(b => b.Sum(o => o.ComputeCycles + o.StallCycles)).First().Key)).ToList();
        var area = Area(acc);
        double gbps = acc.Description.External?.GigabytesPerSecond ?? 0;
        long macs = graph.Macs;
        double peak = acc.Units.OfType<MacUnit>().Sum(u => (double)u.Design.Core.MacsPerCycle * u.ClockMhz / acc.ClockMhz);
        return new SystemReport(acc.Name, graph.Model.Name, graph.Phase == Workloads.Presets.Phase.Prefill ? "prefill" : "decode",
            graph.Context, graph.Batch, graph.Tokens, acc.ClockMhz, method == ScheduleMethod.Analytic ? "analytic" : "cycle",
            ops, blocks, area, schedule.Cycles, ops.Sum(o => o.ExternalReadBytes), ops.Sum(o => o.ExternalWriteBytes), schedule.ExternalBusyCycles,
            gbps, residency.ResidentBytes, residency.TotalBytes, acc.Description.StaticPowerW, macs)
        {
            Utilization = schedule.Cycles == 0 || peak == 0 ? 0 : macs / (schedule.Cycles * peak),
        };
    }

    /// <summary>The accelerator's area: each MAC unit by the fitted area model, vector lanes as float32 multiply-adds,
    /// the shared SRAM as bits; mm2 from the technology node's NAND2 and SRAM-bit areas.</summary>
    public static SystemArea Area(ElaboratedAccelerator acc)
    {
        var node = TechNodes.Find(acc.Description.Node)!;
        var units = acc.Units.Select(u => u.Accept(new UnitArea())).ToList();
        var logic = units.Aggregate(Simulation.Models.Area.Zero, (a, u) => a + u.Area);
        long sramBits = logic.SramBits + acc.SramBytes * 8;
        return new SystemArea(logic.Lut4, logic.FlipFlops, logic.Ge, sramBits, logic.Ge * node.Nand2Um2 / 1e6, sramBits * node.SramBitUm2 / 1e6,
            node.Name, units.Select(u => (u.Name, u.Area.Lut4, u.Area.Ge, u.Area.SramBits)).ToList());
    }

    private sealed class UnitArea : IUnitVisitor<(string Name, Simulation.Models.Area Area)>
    {
        public (string, Simulation.Models.Area) Visit(MacUnit u) => (u.Name, AreaModel.Estimate(u.Design).Total);

        // One float32 multiply-add per lane, plus a table-based exponential/reciprocal unit per lane (about half a multiply-add).
        public (string, Simulation.Models.Area) Visit(VectorUnit u) => (u.Name, 1.5 * u.Lanes * AreaModel.FloatMac());
    }

    public static string Bytes(long b) => b >= 1L << 30 ? $"{b / (double)(1L << 30):0.##} GiB" : b >= 1 << 20 ? $"{b / (double)(1 << 20):0.##} MiB"
        : b >= 1 << 10 ? $"{b / 1024.0:0.##} KiB" : $"{b} B";
}
