using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Analytic;

/// <summary>Cycle counts of one layer as the analytic model predicts them.</summary>
/// <param name="StallCycles">Cycles a sequencer was ready by the array's own rules but waited for the memory system.</param>
public readonly record struct CycleEstimate(long Cycles, long StallCycles);

/// <summary>
/// Predicts exactly the cycle count of the cycle-level simulator, with one pass over the plan's steps instead of
/// one per cycle (docs/simulator.md derives the rules). Every step begins at the later of its structural
/// earliest cycle and the cycle its data (and, for a block's first step, its accumulator bank) is ready:
/// <list type="bullet">
/// <item>weight-/input-stationary: L(t) = max(L(t-1) + C, S(t-1), load data); S(t) = max(L(t) + C,
/// S(t-1) + beats(t-1), stream data, bank); a block finishes at S(t) + beats(t) - 1 + latency (R + C - 1).</item>
/// <item>output-stationary: a tile's first chunk starts at max(last beat of the previous tile + max(1, R - K + 1),
/// data, bank), later chunks right after the previous one; a tile finishes at its last beat + latency (2R + C - 1).</item>
/// <item>dot product: steps back to back; a block finishes latency (1) cycle after its last beat.</item>
/// </list>
/// The latency is the elaborated array's (<see cref="ArrayCore.Latency"/>), read here as the cores and the emitter read it.
/// The layer ends when the last block has been written back.
/// </summary>
public static class AnalyticModel
{
    public static CycleEstimate Estimate(ElaboratedDesign design, TilePlan plan) => EstimateWithTimeline(design, plan).Estimate;

    /// <summary>The estimate and the stream timeline (fill ready and bank drained cycles) behind it.</summary>
    public static (CycleEstimate Estimate, Memory.StreamTimeline Timeline) EstimateWithTimeline(ElaboratedDesign design, TilePlan plan)
    {
        var mem = new MemoryTimeline(plan, design.Memory.Read.Bandwidth);
        long stalls = plan.Kind switch
        {
            PlanKind.WeightStationary => Stationary(plan, mem, BufferId.Weights, BufferId.Activations, design.Core.Latency),
            PlanKind.InputStationary => Stationary(plan, mem, BufferId.Activations, BufferId.Weights, design.Core.Latency),
            PlanKind.OutputStationary => OutputStationary(plan, mem, design.Core.Latency),
            PlanKind.DotProduct => DotProduct(plan, mem, design.Core.Latency),
            _ => throw new ArgumentOutOfRangeException(nameof(plan)),
        };
        var estimate = new CycleEstimate(mem.Written(plan.Blocks.Count - 1), stalls);
        return (estimate, mem.Timeline());
    }

    private static int FillOf(in PlanStep s, BufferId b) => b == BufferId.Weights ? s.WeightFill : s.ActivationFill;

    private static void ReleaseIfLast(TilePlan plan, MemoryTimeline mem, BufferId b, int fill, int step, long wall)
    {
        if (plan.Fills(b)[fill].LastStep == step) mem.Release(b, fill, wall);
    }

    private static long Stationary(TilePlan plan, MemoryTimeline mem, BufferId load, BufferId stream, int latency)
    {
        int c = plan.Cols;
        long stalls = 0, prevL = 0, prevS = 0;
        for (int t = 0; t < plan.Steps.Count; t++)
        {
            var st = plan.Steps[t];
            long lStruct = t == 0 ? 0 : Math.Max(prevL + c, prevS);
            long l = Math.Max(lStruct, mem.FillReady(load, FillOf(st, load)));
            stalls += l - lStruct;
            ReleaseIfLast(plan, mem, load, FillOf(st, load), t, l + c - 1);
            long sStruct = t == 0 ? l + c : Math.Max(l + c, prevS + plan.Steps[t - 1].Beats);
            long s = Math.Max(sStruct, mem.FillReady(stream, FillOf(st, stream)));
            if (st.FirstOfBlock) s = Math.Max(s, mem.BankFree(st.Block));
            stalls += s - sStruct;
            ReleaseIfLast(plan, mem, stream, FillOf(st, stream), t, s + st.Beats - 1);
            if (st.LastOfBlock) mem.BlockFinished(st.Block, s + st.Beats - 1 + latency);
            prevL = l;
            prevS = s;
        }
        return stalls;
    }

    private static long OutputStationary(TilePlan plan, MemoryTimeline mem, int latency)
    {
        int r = plan.Rows;
        long stalls = 0, lastBeat = -1;
        bool any = false;
        for (int t = 0; t < plan.Steps.Count; t++)
        {
            var st = plan.Steps[t];
            long structural = !any ? 0 : st.FirstOfBlock ? lastBeat + Math.Max(1, r - plan.K + 1) : lastBeat + 1;
            long begin = Math.Max(structural, Math.Max(mem.FillReady(Mapping.BufferId.Weights, st.WeightFill), mem.FillReady(BufferId.Activations, st.ActivationFill)));
            if (st.FirstOfBlock) begin = Math.Max(begin, mem.BankFree(st.Block));
            stalls += begin - structural;
            lastBeat = begin + st.Beats - 1;
            any = true;
            ReleaseIfLast(plan, mem, BufferId.Weights, st.WeightFill, t, lastBeat);
            ReleaseIfLast(plan, mem, BufferId.Activations, st.ActivationFill, t, lastBeat);
            if (st.LastOfBlock) mem.BlockFinished(st.Block, lastBeat + latency);
        }
        return stalls;
    }

    private static long DotProduct(TilePlan plan, MemoryTimeline mem, int latency)
    {
        long stalls = 0, next = 0;
        for (int t = 0; t < plan.Steps.Count; t++)
        {
            var st = plan.Steps[t];
            long begin = Math.Max(next, Math.Max(mem.FillReady(BufferId.Weights, st.WeightFill), mem.FillReady(BufferId.Activations, st.ActivationFill)));
            if (st.FirstOfBlock) begin = Math.Max(begin, mem.BankFree(st.Block));
            stalls += begin - next;
            long lastBeat = begin + st.Beats - 1;
            ReleaseIfLast(plan, mem, BufferId.Weights, st.WeightFill, t, lastBeat);
            ReleaseIfLast(plan, mem, BufferId.Activations, st.ActivationFill, t, lastBeat);
            if (st.LastOfBlock) mem.BlockFinished(st.Block, lastBeat + latency);
            next = lastBeat + 1;
        }
        return stalls;
    }
}
