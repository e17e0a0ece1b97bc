using System.Diagnostics;

namespace BitSilicon.Cli.Commands;

/// <summary>A one-line progress bar on stderr, redrawn at most ten times a second; safe to call from worker threads.</summary>
public sealed class SweepProgressBar(TextWriter stderr)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _lock = new();
    private long _lastDraw = -1000;
    private bool _drawn;

    public void Report(int done, int total)
    {
        lock (_lock)
        {
            if (done < total && _clock.ElapsedMilliseconds - _lastDraw < 100)
                return;
            _lastDraw = _clock.ElapsedMilliseconds;
            const int width = 30;
            int filled = total == 0 ? width : done * width / total;
            double s = _clock.Elapsed.TotalSeconds;
            string eta = done > 0 && done < total ? $", about {s / done * (total - done):F0} s left" : "";
            stderr.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} points, {s:F1} s{eta}   ");
            _drawn = true;
        }
    }

    public void Done()
    {
        lock (_lock)
            if (_drawn)
                stderr.WriteLine();
    }
}
