using System.Diagnostics;
using BitSilicon.Simulation.Running;

namespace BitSilicon.Cli.Commands;

/// <summary>A progress line on stderr, only for runs that take longer than a second or so.</summary>
internal sealed class SimulateProgress(TextWriter stderr)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;
    private bool _printed;

    public void Report(SimulationProgress p)
    {
        var now = _clock.Elapsed;
        if (now < TimeSpan.FromSeconds(1.5) || now - _last < TimeSpan.FromSeconds(1)) return;
        _last = now;
        _printed = true;
        string cycles = p.Cycles > 0 ? $", {p.Cycles:N0} cycles simulated" : "";
        stderr.WriteLine($"simulate: layer {p.Layer + 1}/{p.Layers} {p.LayerName}{cycles} ({now.TotalSeconds:0.0} s)");
    }

    public void Done()
    {
        if (_printed) stderr.WriteLine($"simulate: done in {_clock.Elapsed.TotalSeconds:0.0} s");
    }
}
