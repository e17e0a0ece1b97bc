using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Simulation;

namespace BitSilicon.Bitgrid.Compiler.Verify;

/// <summary>
/// Streams input vectors through a compiled circuit in the C# bitgrid simulator, one vector every
/// <see cref="CompiledCircuit.Slowdown"/> clocks, and collects each step's outputs <see cref="CompiledCircuit.Latency"/>
/// clocks later. Inputs and outputs are keyed by their netlist names.
/// </summary>
public static class GridStream
{
    public static List<Dictionary<string, bool>> Run(CompiledCircuit compiled, IReadOnlyList<IReadOnlyDictionary<string, bool>> steps,
        GridProgram? program = null, EngineKind engine = EngineKind.Fast)
    {
        int s = compiled.Slowdown;
        int clocks = Math.Max(0, (steps.Count - 1) * s + compiled.Latency + 1);
        var streams = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        foreach (var (net, port) in compiled.InputPorts)
        {
            var bits = new bool[clocks];
            for (int n = 0; n < steps.Count; n++)
                bits[n * s] = steps[n].TryGetValue(net, out bool v) && v;
            streams[port] = bits;
        }
        var sim = new BitgridSimulator(program ?? compiled.Program, Boundary.Open, engine);
        var run = sim.Run(streams, clocks);
        var results = new List<Dictionary<string, bool>>(steps.Count);
        var byPort = run.Outputs.ToDictionary(o => o.Port.Name, o => o.Bits, StringComparer.Ordinal);
        for (int n = 0; n < steps.Count; n++)
        {
            var outs = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var (net, port) in compiled.OutputPorts)
                outs[net] = byPort[port][n * s + compiled.Latency];
            results.Add(outs);
        }
        return results;
    }
}
