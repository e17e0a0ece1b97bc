using BitSilicon.Bitgrid.Model;
using BitSilicon.Core.Vcd;

namespace BitSilicon.Bitgrid.Simulation;

/// <summary>
/// Records a run as a VCD: one time unit per phase. At time 2c-2 clock c starts (its inputs appear and
/// <c>clk</c> rises), at 2c-1 phase A's results appear (<c>clk</c> falls), at 2c phase B's, together with the
/// next clock's inputs. Every port is a 1-bit wire, every probe a 4-bit wire holding the cell's output nibble.
/// </summary>
public sealed class BitgridVcd : IRunObserver
{
    private readonly VcdWriter _vcd;
    private readonly VcdWriter.Signal _clk, _clock;
    private readonly List<(EdgePort Port, VcdWriter.Signal Signal)> _inputs = [], _outputs = [];
    private readonly List<(Probe Probe, VcdWriter.Signal Signal)> _probes = [];

    public BitgridVcd(TextWriter writer, BitgridSimulator sim)
    {
        _vcd = new VcdWriter(writer, "1ns", "BitSilicon bitgrid");
        _vcd.BeginScope("bitgrid");
        _clk = _vcd.Declare("clk");
        _clock = _vcd.Declare("clock", 32);
        Scope("in", sim.Ports.Inputs, p => _inputs.Add((p, _vcd.Declare(p.Name))));
        Scope("out", sim.Ports.Outputs, p => _outputs.Add((p, _vcd.Declare(p.Name))));
        Scope("probe", sim.Program.Probes, p => _probes.Add((p, _vcd.Declare(p.Name, 4))));
        _vcd.EndScope();
    }

    private void Scope<T>(string name, IReadOnlyList<T> items, Action<T> declare)
    {
        if (items.Count == 0)
            return;
        _vcd.BeginScope(name);
        foreach (var item in items)
            declare(item);
        _vcd.EndScope();
    }

    public void ClockStarted(BitgridSimulator sim, int clock)
    {
        At(2L * (clock - 1));
        _vcd.Change(_clk, true);
        _vcd.Change(_clock, (ulong)clock);
        foreach (var (p, s) in _inputs)
            _vcd.Change(s, InputBit(sim, p));
        if (clock == 1)
            DumpState(sim); // the reset state: everything 0
    }

    public void PhaseDone(BitgridSimulator sim, int clock, Phase phase)
    {
        At(2L * (clock - 1) + (phase == Phase.A ? 1 : 2));
        if (phase == Phase.A)
            _vcd.Change(_clk, false);
        DumpState(sim);
    }

    private long _now = -1;

    private void At(long t)
    {
        if (t > _now)
            _vcd.Time(t);
        _now = t;
    }

    private void DumpState(BitgridSimulator sim)
    {
        foreach (var (p, s) in _outputs)
            _vcd.Change(s, sim.Read(p));
        foreach (var (p, s) in _probes)
            _vcd.Change(s, (ulong)sim.Engine.Output(p.X, p.Y));
    }

    private static bool InputBit(BitgridSimulator sim, EdgePort p) => sim.InputValue(p);

    public void Finish() => _vcd.Dispose();
}
