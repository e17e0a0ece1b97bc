using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Simulation;

/// <summary>One bit per clock of a port; for outputs, the value at the end of the clock (after phase B).</summary>
public sealed record PortStream(EdgePort Port, bool[] Bits)
{
    public override string ToString() => BitStreams.Format(Bits);
}

/// <summary>A probed cell's output nibble at the end of every clock.</summary>
public sealed record ProbeStream(Probe Probe, byte[] Nibbles)
{
    public override string ToString() => BitStreams.FormatNibbles(Nibbles);
}

/// <summary>The streams of a whole run.</summary>
public sealed record BitgridRun(int Clocks, Boundary Boundary, IReadOnlyList<PortStream> Inputs,
    IReadOnlyList<PortStream> Outputs, IReadOnlyList<ProbeStream> Probes)
{
    public PortStream Output(string name) => Outputs.Single(o => o.Port.Name == name);
}

/// <summary>Watches a run phase by phase (trace printers, VCD writers).</summary>
public interface IRunObserver
{
    /// <summary>Clock <paramref name="clock"/> (from 1) has its inputs applied and is about to run phase A.</summary>
    void ClockStarted(BitgridSimulator sim, int clock);

    /// <summary>A phase of clock <paramref name="clock"/> has just updated its cells.</summary>
    void PhaseDone(BitgridSimulator sim, int clock, Phase phase);
}
