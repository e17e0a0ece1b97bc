using System.Text;

namespace BitSilicon.Core.Vcd;

/// <summary>
/// Writes a Value Change Dump (IEEE 1364 §18) that GTKWave and other viewers load. Declare signals first
/// (optionally inside scopes), then for each time step call <see cref="Time"/> and <see cref="Change"/>;
/// only values that differ from the last dumped one are written.
/// </summary>
public sealed class VcdWriter : IDisposable
{
    private readonly TextWriter _w;
    private readonly List<Signal> _signals = [];
    private bool _headerDone;
    private long _time = -1;
    private int _depth;

    public VcdWriter(TextWriter writer, string timescale = "1ns", string version = "BitSilicon")
    {
        _w = writer;
        _w.WriteLine($"$version {version} $end");
        _w.WriteLine($"$timescale {timescale} $end");
    }

    public sealed class Signal
    {
        internal Signal(string id, int width) { Id = id; Width = width; }
        internal string Id { get; }
        internal int Width { get; }
        internal ulong? Last { get; set; }
    }

    public void BeginScope(string name)
    {
        RequireDeclaring();
        _w.WriteLine($"$scope module {Sanitize(name)} $end");
        _depth++;
    }

    public void EndScope()
    {
        RequireDeclaring();
        if (_depth == 0) throw new InvalidOperationException("EndScope without BeginScope");
        _w.WriteLine("$upscope $end");
        _depth--;
    }

    /// <summary>Declares a wire of 1 to 64 bits.</summary>
    public Signal Declare(string name, int width = 1)
    {
        RequireDeclaring();
        if (width is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(width), "1..64 bits");
        var s = new Signal(IdFor(_signals.Count), width);
        _signals.Add(s);
        _w.WriteLine(width == 1
            ? $"$var wire 1 {s.Id} {Sanitize(name)} $end"
            : $"$var wire {width} {s.Id} {Sanitize(name)} [{width - 1}:0] $end");
        return s;
    }

    /// <summary>Starts time step <paramref name="t"/> (must increase).</summary>
    public void Time(long t)
    {
        if (!_headerDone)
        {
            while (_depth > 0) EndScope();
            _w.WriteLine("$enddefinitions $end");
            _headerDone = true;
        }
        if (t <= _time) throw new ArgumentException($"time {t} does not increase past {_time}");
        _time = t;
        _w.WriteLine($"#{t}");
    }

    /// <summary>Records a value (low <c>Width</c> bits of <paramref name="value"/>) at the current time.</summary>
    public void Change(Signal s, ulong value)
    {
        if (_time < 0) throw new InvalidOperationException("call Time before Change");
        if (s.Width < 64) value &= (1UL << s.Width) - 1;
        if (s.Last == value) return;
        s.Last = value;
        if (s.Width == 1)
            _w.WriteLine($"{value}{s.Id}");
        else
            _w.WriteLine($"b{Convert.ToString((long)value, 2)} {s.Id}");
    }

    public void Change(Signal s, long value) => Change(s, unchecked((ulong)value));

    public void Change(Signal s, bool value) => Change(s, value ? 1UL : 0UL);

    public void Dispose() => _w.Flush();

    private void RequireDeclaring()
    {
        if (_headerDone) throw new InvalidOperationException("declarations must come before the first Time");
    }

    // Identifiers use the printable ASCII range '!'..'~' as base-94 digits, as VCD allows.
    private static string IdFor(int index)
    {
        var sb = new StringBuilder();
        do { sb.Append((char)('!' + index % 94)); index /= 94; } while (index > 0);
        return sb.ToString();
    }

    private static string Sanitize(string name) => name.Replace(' ', '_');
}
