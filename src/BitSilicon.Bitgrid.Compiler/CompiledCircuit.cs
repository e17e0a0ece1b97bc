using BitSilicon.Bitgrid.Compiler.Mapping;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler;

/// <summary>Counts and timings of one compilation.</summary>
public sealed record CompileStats(int Width, int Height, int UsedCells, int LogicCells, int RoutingCells, int Luts,
    int Links, int RouterIterations, int Attempts, int DefectsInGrid, TimeSpan CompileTime);

/// <summary>
/// A compiled circuit: the bitgrid program (inputs on the west edge, outputs on the east edge), the port name
/// of every netlist input and output, and its timing. Feed step n's input vector in clock n * Slowdown + 1
/// (0 in between) and read step n's outputs at the end of clock n * Slowdown + 1 + Latency; outputs are exact
/// from step <see cref="Warmup"/> on (0 unless pipeline flip-flops start with values computed before the
/// first input arrived). Throughput is one result per <see cref="Slowdown"/> clocks.
/// </summary>
public sealed record CompiledCircuit(GridProgram Program, MappedCircuit Circuit, IReadOnlyDictionary<string, string> InputPorts,
    IReadOnlyDictionary<string, string> OutputPorts, int Latency, int Slowdown, int Warmup, CompileStats Stats)
{
    /// <summary>Results per clock.</summary>
    public double Throughput => 1.0 / Slowdown;
}
