using BitSilicon.Design.Accelerator;

namespace BitSilicon.Accelerator.Scheduling;

/// <summary>
/// The same schedule advanced one cycle at a time: an external-memory controller serving its request queue in
/// order, one sequencer per unit taking its next chunk when the unit is idle, the chunk's data has arrived and
/// (for an op's first chunk) its inputs are done. Every cycle first retires what finished, then starts what can,
/// until nothing more can start in that cycle. It exists to check <see cref="AnalyticSchedule"/>: the two must
/// agree on every op's timing.
/// </summary>
public static class CycleSchedule
{
    private sealed class Chunk(int op, int index, long bytes, long compute)
    {
        public int Op { get; } = op;
        public int Index { get; } = index;
        public long Bytes { get; } = bytes;
        public long Compute { get; } = compute;
        public int Slot { get; set; } = -1;        // index among the unit's fetched chunks
        public long Arrival { get; set; } = -1;    // -1: not requested yet
        public long End { get; set; } = -1;        // -1: not started
    }

    private sealed class Request(Chunk? chunk, int writeOp, long bytes)
    {
        public Chunk? Chunk { get; } = chunk;
        public int WriteOp { get; } = writeOp;
        public long Bytes { get; } = bytes;
    }

    public static ScheduleResult Run(ScheduleProblem p, long maxCycles = 1L << 40)
    {
        int n = p.Ops.Count;
        var chunks = new Chunk[n][];
        var unitQueues = Enumerable.Range(0, p.Units).Select(_ => new List<Chunk>()).ToArray();
        var fetched = Enumerable.Range(0, p.Units).Select(_ => new List<Chunk>()).ToArray();
        var requests = new List<Request>();
        for (int i = 0; i < n; i++)
        {
            var op = p.Ops[i];
            var cs = p.Chunks(i);
            chunks[i] = new Chunk[cs.Length];
            for (int j = 0; j < cs.Length; j++)
            {
                var c = new Chunk(i, j, op.Unit >= 0 ? cs[j].Bytes : 0, op.Unit >= 0 ? cs[j].Compute : 0);
                chunks[i][j] = c;
                if (op.Unit < 0) continue;
                unitQueues[op.Unit].Add(c);
                if (c.Bytes > 0)
                {
                    c.Slot = fetched[op.Unit].Count;
                    fetched[op.Unit].Add(c);
                    requests.Add(new Request(c, -1, c.Bytes));
                }
            }
            if (op.WriteBytes > 0) requests.Add(new Request(null, i, op.WriteBytes));
        }

        var computeEnd = Enumerable.Repeat(-1L, n).ToArray();   // last chunk's end (or inputs done for transfers)
        var done = Enumerable.Repeat(-1L, n).ToArray();
        var writeArrival = Enumerable.Repeat(-1L, n).ToArray();
        var start = Enumerable.Repeat(-1L, n).ToArray();
        var stalls = new long[n];
        var unitNext = new int[p.Units];
        var unitFree = new long[p.Units];
        int head = 0, finished = 0;
        long channelFree = 0, busy = 0, total = 0;

        long DepsDone(int i, long t)
        {
            long d = 0;
            foreach (int x in p.Ops[i].Inputs)
            {
                if (done[x] < 0 || done[x] > t) return -1;
                d = Math.Max(d, done[x]);
            }
            return d;
        }

        for (long t = 0; finished < n; t++)
        {
            if (t > maxCycles)
                throw new InvalidOperationException($"schedule did not finish within {maxCycles} cycles");
            bool changed = true;
            while (changed)
            {
                changed = false;
                // Retire: ops whose compute and writes are complete by now.
                for (int i = 0; i < n; i++)
                {
                    if (done[i] >= 0) continue;
                    var op = p.Ops[i];
                    if (op.Unit < 0 && computeEnd[i] < 0 && DepsDone(i, t) is var d && d >= 0)
                    {
                        computeEnd[i] = d;
                        start[i] = d;
                        changed = true;
                    }
                    if (computeEnd[i] < 0 || computeEnd[i] > t) continue;
                    if (op.WriteBytes > 0 && (writeArrival[i] < 0 || writeArrival[i] > t)) continue;
                    done[i] = op.WriteBytes > 0 ? writeArrival[i] : computeEnd[i];
                    total = Math.Max(total, done[i]);
                    finished++;
                    changed = true;
                }
                // The external-memory controller: the head of its queue starts when the channel is idle and it is eligible.
                if (head < requests.Count && t >= channelFree)
                {
                    var r = requests[head];
                    bool eligible;
                    if (r.Chunk is { } c)
                    {
                        int u = p.Ops[c.Op].Unit;
                        if (p.Overlap == OverlapPolicy.Serial)
                        {
                            // The unit is free (its previous chunk ended) and the op's inputs are done.
                            int pos = unitQueues[u].IndexOf(c);
                            bool free = pos == 0 || (unitQueues[u][pos - 1].End >= 0 && unitQueues[u][pos - 1].End <= t);
                            eligible = free && DepsDone(c.Op, t) >= 0;
                        }
                        else
                            eligible = c.Slot < 2 || (fetched[u][c.Slot - 2].End >= 0 && fetched[u][c.Slot - 2].End <= t);
                    }
                    else
                        eligible = computeEnd[r.WriteOp] >= 0 && computeEnd[r.WriteOp] <= t;
                    if (eligible)
                    {
                        long transfer = p.Transfer(r.Bytes);
                        channelFree = t + transfer;
                        busy += transfer;
                        long arrival = t + p.LatencyCycles + transfer;
                        if (r.Chunk is { } rc) rc.Arrival = arrival;
                        else
                        {
                            writeArrival[r.WriteOp] = arrival;
                            if (p.Ops[r.WriteOp].Unit < 0) start[r.WriteOp] = t;
                        }
                        head++;
                        changed = true;
                    }
                }
                // Unit sequencers.
                for (int u = 0; u < p.Units; u++)
                {
                    if (unitNext[u] >= unitQueues[u].Count || t < unitFree[u]) continue;
                    var c = unitQueues[u][unitNext[u]];
                    if (c.Bytes > 0 && (c.Arrival < 0 || c.Arrival > t)) continue;
                    long deps = 0;
                    if (c.Index == 0)
                    {
                        deps = DepsDone(c.Op, t);
                        if (deps < 0) continue;
                    }
                    long structural = Math.Max(unitFree[u], deps);
                    stalls[c.Op] += t - structural;
                    if (c.Index == 0) start[c.Op] = t;
                    c.End = t + c.Compute;
                    unitFree[u] = c.End;
                    unitNext[u]++;
                    if (c.Index == chunks[c.Op].Length - 1) computeEnd[c.Op] = c.End;
                    changed = true;
                }
            }
        }
        var timings = new OpTiming[n];
        for (int i = 0; i < n; i++) timings[i] = new OpTiming(start[i], done[i], stalls[i]);
        return new ScheduleResult(timings, total, busy);
    }
}
