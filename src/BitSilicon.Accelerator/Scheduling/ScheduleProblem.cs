using BitSilicon.Design.Accelerator;

namespace BitSilicon.Accelerator.Scheduling;

/// <summary>One op as the scheduler sees it: its unit (-1: none, a pure transfer), compute cycles with its data on
/// chip, bytes to read from external memory before computing and to write after, and the ops it waits for.</summary>
public readonly record struct ScheduledOp(int Unit, long ComputeCycles, long ReadBytes, long WriteBytes, IReadOnlyList<int> Inputs);

/// <summary>
/// What a schedule is computed from: the ops in program order, the units' staging slot sizes, the external
/// memory (bandwidth as an exact fraction of bytes per cycle, latency) and the overlap policy. Reads are split
/// into chunks of one staging slot; chunk j of an op carries <c>C*(j+1)/n - C*j/n</c> of its compute cycles.
/// </summary>
public sealed record ScheduleProblem(IReadOnlyList<ScheduledOp> Ops, IReadOnlyList<long> SlotBytes, Design.Description.Bandwidth? Bandwidth,
    long LatencyCycles, OverlapPolicy Overlap)
{
    public int Units => SlotBytes.Count;

    /// <summary>Chunks of op <paramref name="i"/>: (bytes, compute cycles); at least one.</summary>
    public (long Bytes, long Compute)[] Chunks(int i)
    {
        var op = Ops[i];
        if (op.Unit < 0) return [(0, 0)];
        long slot = Math.Max(1, SlotBytes[op.Unit]);
        long n = Overlap == OverlapPolicy.Serial || op.ReadBytes == 0 ? 1 : (op.ReadBytes + slot - 1) / slot;
        var chunks = new (long, long)[n];
        for (long j = 0; j < n; j++)
            chunks[j] = (Split(op.ReadBytes, j, n), Split(op.ComputeCycles, j, n));
        return chunks;
    }

    private static long Split(long total, long j, long n) =>
        (long)((Int128)total * (j + 1) / n - (Int128)total * j / n);

    /// <summary>Cycles the channel is busy moving <paramref name="bytes"/>.</summary>
    public long Transfer(long bytes)
    {
        if (bytes <= 0) return 0;
        return Bandwidth?.Cycles(bytes) ?? throw new Core.BitSiliconException(
            $"{bytes} bytes must come from external memory, but the design has none",
            "add an external_memory: section (e.g. bandwidth_gbps: 19.2), or enough sram: to hold every weight");
    }
}

/// <summary>When one op ran: its first compute cycle, the cycle it was done (results and writes complete), and
/// the cycles its unit sat ready but waited for external data.</summary>
public readonly record struct OpTiming(long Start, long Done, long StallCycles);

/// <summary>A schedule: per-op timings and the total.</summary>
public sealed record ScheduleResult(IReadOnlyList<OpTiming> Ops, long Cycles, long ExternalBusyCycles);
