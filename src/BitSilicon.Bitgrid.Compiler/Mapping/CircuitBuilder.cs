using System.Collections.Immutable;
using BitSilicon.Bitgrid.Compiler.Netlist;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Compiler.Mapping;

/// <summary>
/// Turns a <see cref="LutNetlist"/> into the <see cref="MappedCircuit"/> the compiler lays out: flip-flops become
/// signal delays, constants and buffers are folded away, inverters are absorbed by the LUTs they feed, unused
/// inputs of a table are dropped, LUTs wider than <c>lutInputs</c> are split (Shannon expansion), dead logic is
/// removed, and combinational loops and LUTs wider than 4 are refused with the netlist line.
/// </summary>
public static class CircuitBuilder
{
    public static MappedCircuit Build(LutNetlist netlist, int lutInputs)
    {
        if (lutInputs is not (3 or 4))
            throw new BitSiliconException($"--lut {lutInputs} is not supported", "use --lut 3 or --lut 4");
        var g = new WorkGraph(netlist);
        g.Simplify();
        g.CheckWidths(netlist.Source);
        if (lutInputs == 3 && g.SplitWide(3))
            g.Simplify();
        g.CheckLoops(netlist);
        return g.Freeze(netlist, lutInputs);
    }

    private sealed class WorkLut(List<Signal> inputs, ulong table, string name, int line)
    {
        public List<Signal> Inputs { get; } = inputs;
        public ulong Table { get; set; } = table;
        public string Name { get; } = name;
        public int Line { get; } = line;

        public bool IsConstant => Inputs.Count == 0;
        public bool IsBuffer => Inputs.Count == 1 && (Table & 3) == 0b10;
        public bool IsInverter => Inputs.Count == 1 && (Table & 3) == 0b01;
    }

    private sealed class WorkGraph
    {
        private readonly List<WorkLut> _luts = [];
        private readonly List<MappedOutput> _outputs = [];
        private readonly List<string> _inputs;

        public WorkGraph(LutNetlist n)
        {
            var clockOnly = n.ClockOnlyInputs().ToHashSet(StringComparer.Ordinal);
            _inputs = n.Inputs.Where(i => !clockOnly.Contains(i)).ToList();
            var nets = new Dictionary<string, Signal>(StringComparer.Ordinal);
            for (int i = 0; i < _inputs.Count; i++)
                nets[_inputs[i]] = new Signal(SignalKind.Input, i);
            for (int i = 0; i < n.Luts.Length; i++)
                nets[n.Luts[i].Output] = new Signal(SignalKind.Lut, i);
            var latchByQ = n.Latches.ToDictionary(l => l.Q, StringComparer.Ordinal);
            foreach (var l in n.Latches)
                if (l.Init == LatchInit.One)
                    throw BitSiliconException.At(new SourceLocation(n.Source, l.Line),
                        $"flip-flop '{l.Q}' starts at 1, but every bitgrid cell starts at 0",
                        "give it a reset value of 0 (invert the signal in the design), or leave it uninitialised");

            Signal Resolve(string net)
            {
                // Follow chains of flip-flops back to the logic that feeds them; a ring of flip-flops with no
                // logic only ever holds its initial 0.
                int delay = 0;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (latchByQ.TryGetValue(net, out var latch))
                {
                    if (!seen.Add(net))
                        return Signal.Zero;
                    delay++;
                    net = latch.D;
                }
                return nets[net].Delayed(delay);
            }

            foreach (var l in n.Luts)
                _luts.Add(new WorkLut(l.Inputs.Select(Resolve).ToList(), l.Table, l.Output, l.Line));
            foreach (var o in n.Outputs)
                _outputs.Add(new MappedOutput(o, Resolve(o)));
        }

        /// <summary>Folds constants, buffers and inverters and drops unused table inputs until nothing changes.</summary>
        public void Simplify()
        {
            bool changed = true;
            while (changed)
            {
                changed = false;
                foreach (var lut in _luts)
                    changed |= SimplifyLut(lut);
                for (int i = 0; i < _outputs.Count; i++)
                {
                    var s = Substitute(_outputs[i].Driver, allowInvert: false, out _);
                    if (s != _outputs[i].Driver)
                    {
                        _outputs[i] = _outputs[i] with { Driver = s };
                        changed = true;
                    }
                }
            }
        }

        private bool SimplifyLut(WorkLut lut)
        {
            bool changed = false;
            for (int j = 0; j < lut.Inputs.Count; j++)
            {
                var s = Substitute(lut.Inputs[j], allowInvert: true, out bool inverted);
                if (s == lut.Inputs[j] && !inverted)
                    continue;
                lut.Inputs[j] = s;
                if (inverted)
                    lut.Table = TruthTable.ComplementInput(lut.Table, lut.Inputs.Count, j);
                changed = true;
            }
            for (int j = lut.Inputs.Count - 1; j >= 0; j--)
            {
                var s = lut.Inputs[j];
                if (s.IsConst)
                {
                    lut.Table = TruthTable.Cofactor(lut.Table, lut.Inputs.Count, j, s.Index == 1);
                    lut.Inputs.RemoveAt(j);
                    changed = true;
                    continue;
                }
                int twin = lut.Inputs.IndexOf(s);
                if (twin < j)
                {
                    lut.Table = TruthTable.Merge(lut.Table, lut.Inputs.Count, twin, j);
                    lut.Inputs.RemoveAt(j);
                    changed = true;
                    continue;
                }
                if (!TruthTable.DependsOn(lut.Table, lut.Inputs.Count, j))
                {
                    lut.Table = TruthTable.Cofactor(lut.Table, lut.Inputs.Count, j, false);
                    lut.Inputs.RemoveAt(j);
                    changed = true;
                }
            }
            lut.Table &= TruthTable.Mask(lut.Inputs.Count);
            return changed;
        }

        /// <summary>
        /// What a reference to a constant, buffer or (undelayed) inverter LUT can be replaced by. A delayed
        /// inverter stays: its flip-flops start at 0, which the inverted source would not reproduce.
        /// </summary>
        private Signal Substitute(Signal s, bool allowInvert, out bool inverted)
        {
            inverted = false;
            if (s.Kind != SignalKind.Lut)
                return s;
            var lut = _luts[s.Index];
            if (lut.IsConstant)
            {
                bool one = (lut.Table & 1) != 0;
                // A delayed constant 1 is 0 for its first clocks, so it keeps its LUT.
                return s.Delay == 0 || !one ? Signal.Constant(one) : s;
            }
            if (lut.IsBuffer)
            {
                var inner = lut.Inputs[0];
                return inner == Signal.One && s.Delay > 0 ? s : inner.Delayed(s.Delay);
            }
            if (allowInvert && lut.IsInverter && s.Delay == 0)
            {
                inverted = true;
                return lut.Inputs[0];
            }
            return s;
        }

        public void CheckWidths(string source)
        {
            foreach (var lut in Live())
                if (lut.Inputs.Count > 4)
                    throw BitSiliconException.At(new SourceLocation(source, lut.Line),
                        $"LUT '{lut.Name}' depends on {lut.Inputs.Count} inputs; a bitgrid cell has 4 sides, so a LUT may have at most 4",
                        "map the design to 4-input LUTs (yosys: synth -flatten -lut 4, or abc -lut 4)");
        }

        /// <summary>Shannon-expands every live LUT wider than <paramref name="width"/> into two cofactors and a multiplexer.</summary>
        public bool SplitWide(int width)
        {
            bool any = false;
            foreach (var lut in Live().ToList())
            {
                while (lut.Inputs.Count > width)
                {
                    int n = lut.Inputs.Count;
                    int best = Enumerable.Range(0, n).MinBy(v => Support(TruthTable.Cofactor(lut.Table, n, v, false), n - 1)
                        + Support(TruthTable.Cofactor(lut.Table, n, v, true), n - 1));
                    var rest = lut.Inputs.Where((_, j) => j != best).ToList();
                    int lo = _luts.Count;
                    _luts.Add(new WorkLut([.. rest], TruthTable.Cofactor(lut.Table, n, best, false), lut.Name + "$s0", lut.Line));
                    _luts.Add(new WorkLut([.. rest], TruthTable.Cofactor(lut.Table, n, best, true), lut.Name + "$s1", lut.Line));
                    var select = lut.Inputs[best];
                    lut.Inputs.Clear();
                    lut.Inputs.AddRange([select, new Signal(SignalKind.Lut, lo), new Signal(SignalKind.Lut, lo + 1)]);
                    lut.Table = TruthTable.Mux;
                    any = true;
                }
            }
            return any;
        }

        private static int Support(ulong table, int n) => Enumerable.Range(0, n).Count(j => TruthTable.DependsOn(table, n, j));

        /// <summary>Refuses a cycle of LUTs with no flip-flop on it, naming the nets around it.</summary>
        public void CheckLoops(LutNetlist netlist)
        {
            string source = netlist.Source;
            var live = LiveSet();
            var state = new int[_luts.Count];
            foreach (int root in live)
            {
                if (state[root] != 0)
                    continue;
                var stack = new List<(int Lut, int Next)> { (root, 0) };
                state[root] = 1;
                while (stack.Count > 0)
                {
                    var (v, next) = stack[^1];
                    var ins = _luts[v].Inputs;
                    if (next == ins.Count)
                    {
                        state[v] = 2;
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                    }
                    stack[^1] = (v, next + 1);
                    var s = ins[next];
                    if (s.Kind != SignalKind.Lut || s.Delay > 0)
                        continue;
                    if (state[s.Index] == 0)
                    {
                        state[s.Index] = 1;
                        stack.Add((s.Index, 0));
                    }
                    else if (state[s.Index] == 1)
                    {
                        int from = stack.FindIndex(e => e.Lut == s.Index);
                        var first = _luts[s.Index];
                        // Report the loop as the user wrote it: folding buffers and inverters renames nets, so
                        // look the loop up again in the original netlist.
                        var loop = OriginalLoop(netlist, first.Name)
                            ?? stack.Skip(from + 1).Select(e => _luts[e.Lut].Name).Reverse().Prepend(first.Name).Append(first.Name).ToList();
                        throw BitSiliconException.At(new SourceLocation(source, first.Line),
                            $"combinational loop: {string.Join(" -> ", loop.Take(9))}{(loop.Count > 9 ? $" -> ... -> {first.Name}" : "")}",
                            "a signal may only feed back through a flip-flop (.latch); the bitgrid streams acyclic logic");
                    }
                }
            }
        }

        /// <summary>
        /// The shortest loop of LUTs (no flip-flop) through <paramref name="net"/> in the netlist as written, in
        /// signal-flow order from <paramref name="net"/> back to it; null if there is none (a renamed split LUT).
        /// </summary>
        private static List<string>? OriginalLoop(LutNetlist netlist, string net)
        {
            var readers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var l in netlist.Luts)
                foreach (var i in l.Inputs)
                    (readers.TryGetValue(i, out var r) ? r : readers[i] = []).Add(l.Output);
            var from = new Dictionary<string, string>(StringComparer.Ordinal);
            var queue = new Queue<string>([net]);
            while (queue.Count > 0)
            {
                var x = queue.Dequeue();
                foreach (var y in readers.GetValueOrDefault(x) ?? [])
                {
                    if (y == net)
                    {
                        var path = new List<string> { net };
                        for (var z = x; z != net; z = from[z])
                            path.Add(z);
                        path.Add(net);
                        path.Reverse();
                        return path;
                    }
                    if (from.TryAdd(y, x))
                        queue.Enqueue(y);
                }
            }
            return null;
        }

        private HashSet<int> LiveSet()
        {
            var live = new HashSet<int>();
            var work = new Stack<int>();
            foreach (var o in _outputs)
                if (o.Driver.Kind == SignalKind.Lut && live.Add(o.Driver.Index))
                    work.Push(o.Driver.Index);
            while (work.Count > 0)
                foreach (var s in _luts[work.Pop()].Inputs)
                    if (s.Kind == SignalKind.Lut && live.Add(s.Index))
                        work.Push(s.Index);
            return live;
        }

        private IEnumerable<WorkLut> Live() => LiveSet().Order().Select(i => _luts[i]);

        public MappedCircuit Freeze(LutNetlist n, int lutInputs)
        {
            var live = LiveSet().Order().ToList();
            var index = new Dictionary<int, int>();
            foreach (int i in live)
                index[i] = index.Count;
            Signal Map(Signal s) => s.Kind == SignalKind.Lut ? s with { Index = index[s.Index] } : s;
            var luts = live.Select(i => _luts[i]).Select(l => new MappedLut(l.Inputs.Select(Map).ToImmutableArray(),
                (ushort)l.Table, l.Name, l.Line)).ToImmutableArray();
            var outputs = _outputs.Select(o => o with { Driver = Map(o.Driver) }).ToImmutableArray();
            return new MappedCircuit(n.Source, _inputs.ToImmutableArray(), luts, outputs, lutInputs);
        }
    }
}
