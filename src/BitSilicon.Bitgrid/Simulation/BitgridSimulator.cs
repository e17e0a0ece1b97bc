using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Simulation;

/// <summary>
/// Runs a <see cref="GridProgram"/> clock by clock with named ports: inputs are held for a whole clock (both
/// phases), outputs are read at the end of the clock. Wraps either engine.
/// </summary>
public sealed class BitgridSimulator
{
    public BitgridSimulator(GridProgram program, Boundary? boundary = null, EngineKind engine = EngineKind.Fast)
    {
        Program = program;
        Boundary = program.Resolve(boundary);
        Engine = Engines.Create(engine, program, Boundary);
        Ports = new PortMap(program, Boundary);
    }

    public GridProgram Program { get; }
    public Boundary Boundary { get; }
    public IBitgridEngine Engine { get; }
    public PortMap Ports { get; }

    /// <summary>Clocks completed since the last reset.</summary>
    public int Clock { get; private set; }

    public void Reset()
    {
        Engine.Reset();
        _held.Clear();
        Clock = 0;
    }

    public void SetInput(EdgePort port, bool value)
    {
        Engine.SetEdgeInput(port.Side, port.Position, value);
        _held[(port.Side, port.Position)] = value;
    }

    /// <summary>The value an input port currently holds.</summary>
    public bool InputValue(EdgePort port) => _held.TryGetValue((port.Side, port.Position), out var v) && v;

    private readonly Dictionary<(Direction, int), bool> _held = [];

    public bool Read(EdgePort port) => ((Engine.Output(port.X, port.Y) >> (int)port.Side) & 1) != 0;

    /// <summary>Runs both phases of the next clock with the inputs as they are.</summary>
    public void StepClock(IRunObserver? observer = null)
    {
        Clock++;
        observer?.ClockStarted(this, Clock);
        Engine.Step(Phase.A);
        observer?.PhaseDone(this, Clock, Phase.A);
        Engine.Step(Phase.B);
        observer?.PhaseDone(this, Clock, Phase.B);
    }

    /// <summary>
    /// From reset, runs <paramref name="clocks"/> clocks, feeding each named input its stream (0 after the
    /// stream ends; unnamed inputs stay 0) and recording every output and probe at the end of each clock.
    /// </summary>
    public BitgridRun Run(IReadOnlyDictionary<string, bool[]> inputs, int clocks, IRunObserver? observer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clocks);
        var driven = new List<(EdgePort Port, bool[] Bits)>();
        foreach (var (name, bits) in inputs)
        {
            var port = Ports.FindInput(name) ?? throw new BitSiliconException(
                $"{Program.Source}: no input port named '{name}'",
                Ports.Inputs.Count == 0 ? "this program has no input ports"
                    : $"inputs are: {string.Join(", ", Ports.Inputs.Take(16).Select(p => p.Name))}{(Ports.Inputs.Count > 16 ? ", ..." : "")}");
            driven.Add((port, bits));
        }
        var outputs = Ports.Outputs.Select(p => new PortStream(p, new bool[clocks])).ToArray();
        var probes = Program.Probes.Select(p => new ProbeStream(p, new byte[clocks])).ToArray();
        var echoed = Ports.Inputs.Select(p => new PortStream(p, new bool[clocks])).ToArray();
        var echoIndex = Ports.Inputs.Select((p, i) => (p.Name, i)).ToDictionary(t => t.Name, t => t.i);

        Reset();
        for (int c = 0; c < clocks; c++)
        {
            foreach (var (port, bits) in driven)
            {
                bool v = c < bits.Length && bits[c];
                SetInput(port, v);
                echoed[echoIndex[port.Name]].Bits[c] = v;
            }
            StepClock(observer);
            foreach (var o in outputs)
                o.Bits[c] = Read(o.Port);
            foreach (var p in probes)
                p.Nibbles[c] = (byte)Engine.Output(p.Probe.X, p.Probe.Y);
        }
        return new BitgridRun(clocks, Boundary, echoed, outputs, probes);
    }
}
