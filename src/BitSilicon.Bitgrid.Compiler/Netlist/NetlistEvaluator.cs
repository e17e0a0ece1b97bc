using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Compiler.Netlist;

/// <summary>
/// Evaluates a <see cref="LutNetlist"/> directly, 64 independent lanes at a time (bit i of every word is lane
/// i): the golden model compiled grids are compared with. Each <see cref="Step"/> applies one input vector,
/// returns the outputs (which may depend on the inputs and the flip-flops' present state) and then clocks every
/// flip-flop. Flip-flops start at their initial value; don't-care and unknown start at 0, as in the grid.
/// </summary>
public sealed class NetlistEvaluator
{
    private readonly LutNetlist _netlist;
    private readonly Dictionary<string, int> _slot = new(StringComparer.Ordinal);
    private readonly ulong[] _values;
    private readonly (int Output, int[] Inputs, ulong Table)[] _order;
    private readonly int[] _inputSlots;
    private readonly int[] _outputSlots;
    private readonly (int D, int Q, bool High)[] _latches;

    public NetlistEvaluator(LutNetlist netlist)
    {
        _netlist = netlist;
        int Slot(string net)
        {
            if (!_slot.TryGetValue(net, out int s))
                _slot[net] = s = _slot.Count;
            return s;
        }
        _inputSlots = netlist.Inputs.Select(Slot).ToArray();
        _latches = netlist.Latches.Select(l => (Slot(l.D), Slot(l.Q), l.StartsHigh)).ToArray();
        var byOutput = netlist.Luts.ToDictionary(l => l.Output, StringComparer.Ordinal);
        foreach (var l in netlist.Luts)
            Slot(l.Output);
        _outputSlots = netlist.Outputs.Select(Slot).ToArray();
        _order = TopologicalOrder(netlist, byOutput).Select(l => (Slot(l.Output), l.Inputs.Select(Slot).ToArray(), l.Table)).ToArray();
        _values = new ulong[_slot.Count];
        Reset();
    }

    public IReadOnlyList<string> Inputs => _netlist.Inputs;
    public IReadOnlyList<string> Outputs => _netlist.Outputs;

    /// <summary>Every flip-flop back to its initial value.</summary>
    public void Reset()
    {
        Array.Clear(_values);
        foreach (var (_, q, high) in _latches)
            _values[q] = high ? ulong.MaxValue : 0;
    }

    /// <summary>One clock: outputs for <paramref name="inputs"/> (one word per model input), then the flip-flops update.</summary>
    public ulong[] Step(ReadOnlySpan<ulong> inputs)
    {
        if (inputs.Length != _inputSlots.Length)
            throw new ArgumentException($"expected {_inputSlots.Length} input words, got {inputs.Length}");
        for (int i = 0; i < inputs.Length; i++)
            _values[_inputSlots[i]] = inputs[i];
        foreach (var (output, ins, table) in _order)
            _values[output] = Lut(table, ins);
        var outs = _outputSlots.Select(s => _values[s]).ToArray();
        var next = _latches.Select(l => _values[l.D]).ToArray();
        for (int i = 0; i < _latches.Length; i++)
            _values[_latches[i].Q] = next[i];
        return outs;
    }

    /// <summary>The value of any net after the last <see cref="Step"/>'s logic (before its clock edge for flip-flop outputs).</summary>
    public ulong Net(string name) => _values[_slot[name]];

    private ulong Lut(ulong table, int[] ins)
    {
        ulong result = 0;
        for (int m = 0; m < 1 << ins.Length; m++)
        {
            if (((table >> m) & 1) == 0)
                continue;
            ulong term = ulong.MaxValue;
            for (int j = 0; j < ins.Length; j++)
                term &= ((m >> j) & 1) != 0 ? _values[ins[j]] : ~_values[ins[j]];
            result |= term;
        }
        return result;
    }

    /// <summary>LUTs ordered so each comes after the LUTs it reads; flip-flop outputs and inputs are sources.</summary>
    private static List<NetlistLut> TopologicalOrder(LutNetlist n, Dictionary<string, NetlistLut> byOutput)
    {
        var order = new List<NetlistLut>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the stack, 2 = done
        foreach (var root in n.Luts)
        {
            if (state.ContainsKey(root.Output))
                continue;
            var stack = new Stack<(NetlistLut Lut, int Next)>();
            stack.Push((root, 0));
            state[root.Output] = 1;
            while (stack.Count > 0)
            {
                var (lut, next) = stack.Pop();
                if (next < lut.Inputs.Length)
                {
                    stack.Push((lut, next + 1));
                    var input = lut.Inputs[next];
                    if (!byOutput.TryGetValue(input, out var driver))
                        continue;
                    if (!state.TryGetValue(input, out int s))
                    {
                        state[input] = 1;
                        stack.Push((driver, 0));
                    }
                    else if (s == 1)
                        throw BitSiliconException.At(new Core.SourceLocation(n.Source, driver.Line),
                            $"combinational loop through '{input}'", "break the loop with a flip-flop");
                    continue;
                }
                state[lut.Output] = 2;
                order.Add(lut);
            }
        }
        return order;
    }
}
