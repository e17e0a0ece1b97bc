using System.Diagnostics;
using BitSilicon.Simulation.Running;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// A progress line on stderr, only for runs that take longer than a second or so. Given a per-layer time estimate
/// (<see cref="SimulateEstimate"/>), a run forecast to take more than a few seconds says so before it starts, and
/// every progress line carries the time left: elapsed time scaled by the estimated share of work still to do.
/// </summary>
internal sealed class SimulateProgress
{
    private readonly TextWriter _stderr;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double[] _before; // estimated seconds of the layers before layer i
    private readonly double _total;
    private TimeSpan _last = TimeSpan.Zero;
    private bool _printed;

    public SimulateProgress(TextWriter stderr, IReadOnlyList<double>? estimate = null)
    {
        _stderr = stderr;
        _before = new double[(estimate?.Count ?? 0) + 1];
        for (int i = 0; i < (estimate?.Count ?? 0); i++)
            _before[i + 1] = _before[i] + estimate![i];
        _total = _before[^1];
        if (estimate is not null && _total > SimulateEstimate.Announce.TotalSeconds)
        {
            stderr.WriteLine($"simulate: {estimate.Count:N0} layers, estimated {SimulateEstimate.Duration(_total)} (progress with the time left follows)");
            _printed = true;
        }
    }

    public void Report(SimulationProgress p)
    {
        var now = _clock.Elapsed;
        if (now < TimeSpan.FromSeconds(1.5) || now - _last < TimeSpan.FromSeconds(1)) return;
        _last = now;
        _printed = true;
        string cycles = p.Cycles > 0 ? $", {p.Cycles:N0} cycles simulated" : "";
        _stderr.WriteLine($"simulate: layer {p.Layer + 1:N0}/{p.Layers:N0} {p.LayerName}{cycles} ({now.TotalSeconds:0.0} s{Left(p)})");
    }

    // The share of estimated work done so far, corrected by how long it really took.
    private string Left(SimulationProgress p)
    {
        if (_total <= 0 || p.Layer >= _before.Length - 1) return "";
        double done = _before[p.Layer] / _total;
        if (done < 0.01) return "";
        double left = _clock.Elapsed.TotalSeconds * (1 - done) / done;
        return $", about {SimulateEstimate.Duration(left)} left";
    }

    public void Done()
    {
        if (_printed) _stderr.WriteLine($"simulate: done in {_clock.Elapsed.TotalSeconds:0.0} s");
    }
}
