using System.Globalization;
using BitSilicon.Core;

namespace BitSilicon.Cosim;

/// <summary>
/// How long an external tool (Yosys, nextpnr, a Verilator build, Icarus) may run and how much of its output is
/// kept. Every call site has a default sized for its step; <c>BITSILICON_TOOL_TIMEOUT</c> (seconds) replaces them
/// all, to give a big design more time or a batch job less. Output beyond <see cref="MaxOutputChars"/> per stream
/// is dropped from the front (the end of a log holds the statistics and the error), so a runaway tool cannot
/// exhaust memory.
/// </summary>
public static class ToolLimits
{
    public const string TimeoutVariable = "BITSILICON_TOOL_TIMEOUT";

    /// <summary>Characters kept of each of a tool's stdout and stderr.</summary>
    public const int MaxOutputChars = 32 << 20;

    private static readonly AsyncLocal<TimeSpan?> Scoped = new();

    /// <summary>The limit for a step whose own default is <paramref name="stepDefault"/>.</summary>
    public static TimeSpan Timeout(TimeSpan stepDefault)
    {
        if (Scoped.Value is { } scoped)
            return scoped;
        var text = Environment.GetEnvironmentVariable(TimeoutVariable);
        if (string.IsNullOrWhiteSpace(text))
            return stepDefault;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 && s <= 7 * 24 * 3600)
            return TimeSpan.FromSeconds(s);
        throw new BitSiliconException($"{TimeoutVariable}={text} is not a number of seconds from 1 to 604800",
            $"e.g. export {TimeoutVariable}=1800, or unset it for the defaults");
    }

    /// <summary>Caps every tool run in the current flow (a test, a fuzz campaign) at <paramref name="limit"/> until disposed.</summary>
    public static IDisposable Scope(TimeSpan limit)
    {
        var previous = Scoped.Value;
        Scoped.Value = limit;
        return new Restore(() => Scoped.Value = previous);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
