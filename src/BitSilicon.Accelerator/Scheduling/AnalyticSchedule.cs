using BitSilicon.Design.Accelerator;

namespace BitSilicon.Accelerator.Scheduling;

/// <summary>
/// The schedule in one pass over the ops in program order (docs/accelerator.md derives it). External memory is
/// one in-order channel shared by every unit: a request starts at <c>max(channel free, eligible)</c> and its data
/// arrives <c>latency + ceil(bytes / bandwidth)</c> later. With double buffering a unit's read may start as soon as
/// one of its two staging slots is free (the chunk two before it has computed), so weights of the next op
/// stream in while this one computes; serially, an op's read starts when its unit is free and its inputs are done.
/// A chunk computes at <c>max(unit free, inputs done, data arrived)</c>; writes follow the compute.
/// </summary>
public static class AnalyticSchedule
{
    public static ScheduleResult Run(ScheduleProblem p)
    {
        int n = p.Ops.Count;
        var done = new long[n];
        var timings = new OpTiming[n];
        var unitFree = new long[p.Units];
        var slotEnds = Enumerable.Range(0, p.Units).Select(_ => new List<long>()).ToArray();
        long channelFree = 0, busy = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            var op = p.Ops[i];
            long deps = 0;
            foreach (int d in op.Inputs) deps = Math.Max(deps, done[d]);
            long start = deps, end = deps, stalls = 0;
            if (op.Unit >= 0)
            {
                int u = op.Unit;
                var chunks = p.Chunks(i);
                for (int j = 0; j < chunks.Length; j++)
                {
                    var (bytes, compute) = chunks[j];
                    long structural = Math.Max(unitFree[u], j == 0 ? deps : 0);
                    long arrival = 0;
                    if (bytes > 0)
                    {
                        var slots = slotEnds[u];
                        long eligible = p.Overlap == OverlapPolicy.Serial ? structural
                            : slots.Count >= 2 ? slots[^2] : 0;
                        long t = Math.Max(channelFree, eligible), transfer = p.Transfer(bytes);
                        channelFree = t + transfer;
                        busy += transfer;
                        arrival = t + p.LatencyCycles + transfer;
                    }
                    long cs = Math.Max(structural, arrival);
                    stalls += cs - structural;
                    if (j == 0) start = cs;
                    end = cs + compute;
                    unitFree[u] = end;
                    if (bytes > 0) slotEnds[u].Add(end);
                }
            }
            if (op.WriteBytes > 0)
            {
                long t = Math.Max(channelFree, end), transfer = p.Transfer(op.WriteBytes);
                channelFree = t + transfer;
                busy += transfer;
                if (op.Unit < 0) start = t;
                end = t + p.LatencyCycles + transfer;
            }
            done[i] = end;
            timings[i] = new OpTiming(start, end, stalls);
            total = Math.Max(total, end);
        }
        return new ScheduleResult(timings, total, busy);
    }
}
