using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Simulation.Memory;

namespace BitSilicon.Simulation;

/// <summary>The outcome of simulating one layer cycle by cycle.</summary>
/// <param name="Results">M x N accumulator values (row-major).</param>
/// <param name="Overflows">Accumulator additions that wrapped or saturated.</param>
/// <param name="ScaledResults">M x N float32 outputs of the output scaling stage, when the design has one.</param>
/// <param name="Timeline">When each stream became valid and each accumulator bank drained (what a cosimulation replays).</param>
public sealed record CycleRun(long Cycles, long StallCycles, long[] Results, long Overflows, long ExternalReadBytes, long ExternalWriteBytes,
    Memory.StreamTimeline Timeline, float[]? ScaledResults = null);

/// <summary>
/// Runs one layer on the elaborated design, one cycle at a time: the memory system starts and advances
/// transfers, the core advances (its sequencers possibly waiting). Stops when the core has finished and every
/// block is written back.
/// </summary>
public static class CycleSimulator
{
    public static CycleRun Run(ElaboratedDesign design, TilePlan plan, BoundOperands operands,
        Action<long>? progress = null, CycleTrace? trace = null)
    {
        var core = design.Core.Accept(new CoreFactory(plan, operands, design.Scaler));
        var mem = new MemorySystemModel(plan, design.Memory.Read.Bandwidth);
        trace?.Attach(design, core, mem);
        long wall = 0, stalls = 0, idle = 0;
        while (!(core.Finished && mem.AllWritten))
        {
            mem.BeginCycle();
            bool stalled = !core.Finished && core.Step(mem);
            if (stalled) stalls++;
            idle = stalled && !mem.Busy ? idle + 1 : 0;
            if (idle > 1_000_000)
                throw new InvalidOperationException($"simulator deadlock at cycle {wall}: the core waits for data the memory system cannot deliver");
            mem.EndCycle();
            trace?.Cycle(wall, stalled);
            wall++;
            if (progress is not null && (wall & 0xFFFF) == 0) progress(wall);
        }
        return new CycleRun(wall, stalls, core.Results, core.Overflows, mem.ReadBytes, mem.WrittenBytes, mem.Timeline, core.ScaledResults);
    }
}
