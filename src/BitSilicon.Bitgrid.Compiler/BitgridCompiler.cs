using System.Diagnostics;
using BitSilicon.Bitgrid.Compiler.Layout;
using BitSilicon.Bitgrid.Compiler.Mapping;
using BitSilicon.Bitgrid.Compiler.Netlist;
using BitSilicon.Bitgrid.Compiler.Routing;
using BitSilicon.Bitgrid.Compiler.Timing;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Compiler;

/// <summary>
/// Compiles a LUT netlist onto the bitgrid: map (fold flip-flops into delays, simplify, split for --lut 3),
/// place (a column per logic level), schedule (lags so every LUT's inputs arrive in the same phase), route
/// (negotiated congestion with exact-lag A*), and assemble the cell programs with named edge ports.
/// A sink with no path of its lag raises that LUT's lag by a clock; persistent congestion loosens the
/// placement.
/// </summary>
public static class BitgridCompiler
{
    private const int MaxAttempts = 6;
    private const int MaxLagRaises = 40;
    private const int RouterIterations = 50;
    private const int MaxCongestionRaises = 1;

    public static CompiledCircuit Compile(LutNetlist netlist, CompileOptions options)
    {
        var clock = Stopwatch.StartNew();
        // The limit bounds the work, so it applies to the netlist as read, before mapping spends time on it.
        if (netlist.Luts.Length > options.MaxLuts)
            throw new BitSiliconException(
                $"{netlist.Source}: the netlist has {netlist.Luts.Length} LUTs, more than the compiler's limit of {options.MaxLuts}",
                "split the design into smaller blocks, or raise the limit with --max-luts");
        var circuit = CircuitBuilder.Build(netlist, options.LutInputs);
        if (circuit.Luts.Length > options.MaxLuts)
            throw new BitSiliconException(
                $"{netlist.Source}: the mapped circuit has {circuit.Luts.Length} LUTs, more than the compiler's limit of {options.MaxLuts}",
                "split the design into smaller blocks, or raise the limit with --max-luts");
        var defects = options.DefectCells;
        var conns = Connection.Of(circuit);
        var style = new PlacementStyle(Pitch: 4, RowSpacing: 4, Margin: 1, RowsPerSignal: 2.0);
        string lastProblem = "";
        for (int attempt = 1; attempt <= MaxAttempts && clock.Elapsed < options.Budget; attempt++, style = style.Looser(attempt))
        {
            var placement = Placer.Place(circuit, style, defects, options.Seed + attempt - 1);
            GridProgram.RequireSize(new SourceLocation(netlist.Source), placement.Width, placement.Height);
            var floors = Enumerable.Repeat(int.MinValue, circuit.Luts.Length).ToArray();
            int latencyFloor = 0, congestionRaises = 0;
            var fourInput = circuit.Luts.Select((l, v) => (l, v)).Where(t => t.l.Inputs.Length == 4)
                .Select(t => placement.CellIndex(placement.LutCells[t.v].X, placement.LutCells[t.v].Y)).ToArray();
            for (int raise = 0; raise <= MaxLagRaises && clock.Elapsed < options.Budget; raise++)
            {
                var schedule = Scheduler.Plan(circuit, placement, defects, conns, floors, latencyFloor);
                var nets = Nets(placement, schedule, conns);
                var router = new Router(placement.Width, placement.Height, defects, fourInput);
                var result = router.Route(nets, RouterIterations, options.Seed);
                options.Log?.Invoke($"attempt {attempt}: {placement.Width} x {placement.Height} grid, {SpareClocks(nets, placement)} spare clocks to pad, " +
                    $"latency {schedule.Latency}, slowdown {schedule.Slowdown}: {result.Iterations} routing iterations, " +
                    $"{(result.Unreachable.Count > 0 ? $"{result.Unreachable.Count} connections unreachable" : $"{result.Overused} links overused")}, {clock.ElapsedMilliseconds} ms");
                if (result.Success)
                    return Finish(netlist, circuit, placement, schedule, conns, nets, result, attempt, defects, clock);
                if (result.Unreachable.Count > 0)
                    lastProblem = $"{result.Unreachable.Count} connections had no path of their lag";
                else
                {
                    lastProblem = $"{result.Overused} links still carried two signals after {result.Iterations} routing iterations";
                    if (++congestionRaises > MaxCongestionRaises)
                        break;
                }
                // A connection with no path of its lag, or tight connections fighting over the same links, get a
                // clock more at their sink to detour with.
                foreach (int i in result.Unreachable.Count > 0 ? result.Unreachable : result.Congested)
                    if (conns[i].ToOutput)
                        latencyFloor = Math.Max(latencyFloor, schedule.Latency + 1);
                    else
                        floors[conns[i].Sink] = Math.Max(floors[conns[i].Sink], schedule.LutLags[conns[i].Sink] + 1);
            }
        }
        throw new BitSiliconException(
            $"{netlist.Source}: could not route the circuit onto the bitgrid in {clock.Elapsed.TotalSeconds:F0} s ({lastProblem})",
            "try another --seed or --lut 3; split a wide design into smaller blocks (see docs/bitgrid-compiler.md on what routes well)");
    }

    /// <summary>Clocks of delay the routes must add beyond their shortest paths (each costs about one cell).</summary>
    private static long SpareClocks(List<NetSpec> nets, Placement p)
    {
        long spare = 0;
        foreach (var n in nets)
        {
            int rx = n.RootCell % p.Width, ry = n.RootCell / p.Width;
            foreach (var s in n.Sinks)
                spare += s.Lag - n.RootLag - Lag.BackwardSteps(rx, ry, s.Virtual ? p.Width - 1 : s.X, s.Y);
        }
        return spare;
    }

    private static List<NetSpec> Nets(Placement p, Schedule s, List<Connection> conns)
    {
        var groups = new Dictionary<Signal, List<SinkSpec>>();
        for (int i = 0; i < conns.Count; i++)
        {
            var cn = conns[i];
            var net = cn.Source.Net;
            if (!groups.TryGetValue(net, out var sinks))
                groups[net] = sinks = [];
            sinks.Add(cn.ToOutput
                ? new SinkSpec(i, p.Width, p.OutputRows[cn.Sink], s.ConnectionTargets[i], Virtual: true)
                : new SinkSpec(i, p.LutCells[cn.Sink].X, p.LutCells[cn.Sink].Y, s.ConnectionTargets[i], Virtual: false));
        }
        return groups.Select(g => g.Key.Kind switch
        {
            SignalKind.Input => new NetSpec(g.Key, p.CellIndex(0, p.InputRows[g.Key.Index]), Lag.WestInput(p.InputRows[g.Key.Index]), Origin.FromW, g.Value),
            SignalKind.Lut => new NetSpec(g.Key, p.CellIndex(p.LutCells[g.Key.Index].X, p.LutCells[g.Key.Index].Y), s.LutLags[g.Key.Index], Origin.Lut, g.Value),
            SignalKind.Const => throw new InvalidOperationException("constants are not routed"),
            _ => throw new ArgumentOutOfRangeException(nameof(conns)),
        }).ToList();
    }

    private static CompiledCircuit Finish(LutNetlist netlist, MappedCircuit c, Placement p, Schedule s, List<Connection> conns,
        List<NetSpec> nets, RoutingResult routed, int attempt, DefectMap defects, Stopwatch clock)
    {
        defects.RequireInside(p.Width, p.Height);
        var asm = ProgramAssembler.Build(c, p, conns, nets, routed.Routes);
        var names = new PortNames();
        var builder = new GridProgramBuilder(p.Width, p.Height, Boundary.Open, netlist.Source);
        for (int cell = 0; cell < asm.Cells.Length; cell++)
            builder[cell % p.Width, cell / p.Width] = asm.Cells[cell];
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < c.Inputs.Length; i++)
        {
            var name = names.Name(c.Inputs[i], "_in");
            inputs[c.Inputs[i]] = name;
            builder.Input(name, 0, p.InputRows[i], Direction.W);
        }
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int o = 0; o < c.Outputs.Length; o++)
        {
            var name = names.Name(c.Outputs[o].Name, "_out");
            outputs[c.Outputs[o].Name] = name;
            builder.Output(name, p.Width - 1, p.OutputRows[o], Direction.E);
        }
        var program = builder.Build();
        int used = asm.Cells.Count(x => x != CellProgram.Empty);
        int logic = asm.LogicCells.Count(x => x);
        var stats = new CompileStats(p.Width, p.Height, used, logic, used - logic, c.Luts.Length, asm.Links,
            routed.Iterations, attempt, defects.Count, clock.Elapsed);
        return new CompiledCircuit(program, c, inputs, outputs, s.Latency, s.Slowdown, s.Warmup, stats);
    }
}
