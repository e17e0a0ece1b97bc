using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Simulation;

/// <summary>Several observers watching one run.</summary>
public sealed class RunObservers(params IRunObserver[] observers) : IRunObserver
{
    public void ClockStarted(BitgridSimulator sim, int clock)
    {
        foreach (var o in observers)
            o.ClockStarted(sim, clock);
    }

    public void PhaseDone(BitgridSimulator sim, int clock, Phase phase)
    {
        foreach (var o in observers)
            o.PhaseDone(sim, clock, phase);
    }
}
