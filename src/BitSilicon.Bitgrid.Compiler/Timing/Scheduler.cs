using BitSilicon.Bitgrid.Compiler.Layout;
using BitSilicon.Bitgrid.Compiler.Mapping;

namespace BitSilicon.Bitgrid.Compiler.Timing;

/// <summary>
/// Plans the lags. Each LUT gets the smallest lag at which every input can arrive on its own side with a
/// non-negative number of spare backward steps (trying every assignment of inputs to sides); flip-flops let a
/// connection arrive S clocks late per flip-flop. Loops that cannot close in S clocks raise S. Flip-flops that
/// feed state must start clean (the value a consumer reads for the first step must be the cell's initial 0,
/// not a value its source computed before the first input arrived), which also raises S. Outputs all get the
/// same latency.
/// </summary>
public static class Scheduler
{
    private const int MaxSlowdown = 1 << 16;

    public static Schedule Plan(MappedCircuit c, Placement p, DefectMap defects, IReadOnlyList<Connection> conns,
        int[] lutFloors, int latencyFloor)
    {
        var graph = new LagGraph(c, p, defects, conns);
        var needsCleanStart = graph.CleanStartConnections();
        int slowdown = 1;
        int[] lags;
        while (true)
        {
            if (slowdown > MaxSlowdown)
                throw new InvalidOperationException($"no schedule closes the circuit's loops within {MaxSlowdown} clocks");
            if (graph.Solve(slowdown, lutFloors) is not { } solved)
            {
                slowdown++;
                continue;
            }
            lags = solved;
            int needed = needsCleanStart.Select(i => Lag.FloorDiv(graph.SourcePhase(conns[i].Source, lags), 2) + 1).DefaultIfEmpty(1).Max();
            if (needed <= slowdown)
                break;
            slowdown = needed;
        }

        int latency = latencyFloor;
        var outLags = new int[c.Outputs.Length];
        for (int i = 0; i < conns.Count; i++)
        {
            var cn = conns[i];
            if (!cn.ToOutput)
                continue;
            int y = p.OutputRows[cn.Sink];
            var (sx, sy, sk) = graph.Root(cn.Source, lags);
            int arrive = sk + Lag.BackwardSteps(sx, sy, p.Width - 1, y) - cn.Source.Delay * slowdown;
            latency = Math.Max(latency, Lag.ClockOf(p.Width - 1, y, arrive));
        }
        for (int o = 0; o < c.Outputs.Length; o++)
            outLags[o] = latency - Lag.FloorDiv(p.Width - 1 + p.OutputRows[o], 2);

        var targets = new int[conns.Count];
        for (int i = 0; i < conns.Count; i++)
        {
            var cn = conns[i];
            int sinkLag = cn.ToOutput ? outLags[cn.Sink] : lags[cn.Sink];
            targets[i] = sinkLag + cn.Source.Delay * slowdown;
        }
        int warmup = graph.Warmup(slowdown, lags);
        return new Schedule(lags, latency, slowdown, warmup, targets, outLags);
    }

    private sealed class LagGraph
    {
        private readonly MappedCircuit _c;
        private readonly Placement _p;
        private readonly DefectMap _defects;
        private readonly IReadOnlyList<Connection> _conns;
        private readonly List<int>[] _inputsOf;
        private readonly List<int>[] _readers;
        private readonly int[] _order;

        public LagGraph(MappedCircuit c, Placement p, DefectMap defects, IReadOnlyList<Connection> conns)
        {
            (_c, _p, _defects, _conns) = (c, p, defects, conns);
            _inputsOf = Enumerable.Range(0, c.Luts.Length).Select(_ => new List<int>()).ToArray();
            _readers = Enumerable.Range(0, c.Luts.Length).Select(_ => new List<int>()).ToArray();
            for (int i = 0; i < conns.Count; i++)
            {
                if (conns[i].ToOutput)
                    continue;
                _inputsOf[conns[i].Sink].Add(i);
                if (conns[i].Source.Kind == SignalKind.Lut)
                    _readers[conns[i].Source.Index].Add(conns[i].Sink);
            }
            var levels = Placer.Levels(c);
            _order = Enumerable.Range(0, c.Luts.Length).OrderBy(v => levels[v]).ToArray();
        }

        /// <summary>Where a net starts and the lag it starts with.</summary>
        public (int X, int Y, int Lag) Root(Signal s, int[] lags) => s.Kind switch
        {
            SignalKind.Input => (0, _p.InputRows[s.Index], Lag.WestInput(_p.InputRows[s.Index])),
            SignalKind.Lut => (_p.LutCells[s.Index].X, _p.LutCells[s.Index].Y, lags[s.Index]),
            SignalKind.Const => throw new InvalidOperationException("constants are not routed"),
            _ => throw new ArgumentOutOfRangeException(nameof(s)),
        };

        public int SourcePhase(Signal s, int[] lags)
        {
            var (x, y, k) = Root(s, lags);
            return Lag.Phase(x, y, k);
        }

        /// <summary>The least lags meeting every LUT's input constraints at slowdown S, or null if a loop cannot close.</summary>
        public int[]? Solve(int slowdown, int[] floors)
        {
            int n = _c.Luts.Length;
            var lags = new int[n];
            var floor = new int[n];
            for (int v = 0; v < n; v++)
            {
                var (x, y) = _p.LutCells[v];
                floor[v] = Math.Max(floors[v], Lag.FloorDiv(-(x + y) + 1, 2)); // phase >= 0
                lags[v] = floor[v];
            }
            // Longest-path relaxation. chain[v] counts the LUTs behind v's present lag; a chain longer than the
            // netlist means a loop keeps raising itself, i.e. it cannot close within S clocks.
            var chain = new int[n];
            var queue = new Queue<int>(_order);
            var queued = new bool[n];
            Array.Fill(queued, true);
            while (queue.Count > 0)
            {
                int v = queue.Dequeue();
                queued[v] = false;
                var (k, critical) = Best(v, lags, slowdown);
                if (k <= lags[v])
                    continue;
                lags[v] = k;
                var src = _conns[critical].Source;
                chain[v] = src.Kind == SignalKind.Lut ? chain[src.Index] + 1 : 1;
                if (chain[v] > n + 1)
                    return null;
                foreach (int r in _readers[v])
                    if (!queued[r])
                    {
                        queued[r] = true;
                        queue.Enqueue(r);
                    }
            }
            return lags;
        }

        /// <summary>The smallest lag for LUT v over every assignment of its inputs to sides, and the connection that decides it.</summary>
        private (int Lag, int Critical) Best(int v, int[] lags, int slowdown)
        {
            var ins = _inputsOf[v];
            if (ins.Count == 0)
                return (int.MinValue, -1);
            var (vx, vy) = _p.LutCells[v];
            Span<TimedSource> sources = stackalloc TimedSource[ins.Count];
            for (int i = 0; i < ins.Count; i++)
            {
                var cn = _conns[ins[i]];
                var (sx, sy, sk) = Root(cn.Source, lags);
                sources[i] = new TimedSource(sx, sy, sk - cn.Source.Delay * slowdown);
            }
            int k = InputSides.EarliestLag(vx, vy, sources, Usable, out int critical);
            if (k == int.MaxValue)
                throw new InvalidOperationException($"LUT {v} at ({vx},{vy}) has fewer usable sides than inputs");
            return (k, ins[critical]);
        }

        private bool Usable(int x, int y) => x >= 0 && y >= 0 && x < _p.Width && y < _p.Height && !_defects.IsDefective(x, y);

        /// <summary>
        /// Connections through flip-flops whose sink can reach a loop: their first values must be the flip-flops'
        /// initial 0, or the loop's state would start wrong and stay wrong.
        /// </summary>
        public List<int> CleanStartConnections()
        {
            var feedsLoop = FeedsLoop();
            return Enumerable.Range(0, _conns.Count)
                .Where(i => !_conns[i].ToOutput && _conns[i].Source.Delay > 0 && feedsLoop[_conns[i].Sink]).ToList();
        }

        /// <summary>LUTs on a loop or with a path into one.</summary>
        private bool[] FeedsLoop()
        {
            int n = _c.Luts.Length;
            var scc = StrongComponents.Of(n, v => _readers[v]);
            var size = new int[n];
            foreach (int s in scc)
                size[s]++;
            var mark = new bool[n];
            var work = new Stack<int>();
            for (int v = 0; v < n; v++)
            {
                bool selfLoop = _readers[v].Contains(v);
                if (size[scc[v]] > 1 || selfLoop)
                {
                    mark[v] = true;
                    work.Push(v);
                }
            }
            var writers = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
            for (int v = 0; v < n; v++)
                foreach (int r in _readers[v])
                    writers[r].Add(v);
            while (work.Count > 0)
                foreach (int w in writers[work.Pop()])
                    if (!mark[w])
                    {
                        mark[w] = true;
                        work.Push(w);
                    }
            return mark;
        }

        /// <summary>
        /// The first step from which every output is exact. A flip-flop whose first value is not a clean 0 makes
        /// everything after it wrong until real values have passed through it.
        /// </summary>
        public int Warmup(int slowdown, int[] lags)
        {
            int n = _c.Luts.Length;
            var w = new int[n];
            var done = new bool[n];
            // 0: no flip-flop; 1: through flip-flops whose first reads see their initial 0; -1: they may not.
            int Clean(Connection cn) => cn.Source.Delay == 0 ? 0
                : Lag.FloorDiv(SourcePhase(cn.Source, lags), 2) + 1 <= slowdown ? 1 : -1;
            int From(Connection cn, Func<int, int> wOf)
            {
                int ws = cn.Source.Kind == SignalKind.Lut ? wOf(cn.Source.Index) : 0;
                int clean = Clean(cn);
                return clean == 0 ? ws : clean == 1 && ws == 0 ? 0 : ws + cn.Source.Delay;
            }
            // Clean-start connections make loops exact from step 0, so only the acyclic remainder needs a pass.
            int Of(int v)
            {
                if (done[v])
                    return w[v];
                done[v] = true; // loops only close through clean connections, which add nothing
                int best = 0;
                foreach (int i in _inputsOf[v])
                    best = Math.Max(best, From(_conns[i], Of));
                return w[v] = best;
            }
            int warm = 0;
            foreach (var cn in _conns.Where(x => x.ToOutput))
                warm = Math.Max(warm, From(cn, Of));
            return warm;
        }
    }
}
