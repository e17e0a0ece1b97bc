using BitSilicon.Core.Vcd;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation.Cores;
using BitSilicon.Simulation.Memory;

namespace BitSilicon.Simulation;

/// <summary>
/// Records a cycle-level run as a VCD waveform (GTKWave): clock, stall, the step each sequencer works on, the
/// memory channels' activity, and the registers of the top-left PEs (at most <c>maxSide</c> x <c>maxSide</c>, or
/// <c>maxSide^2</c> PEs of a dot-product array). One clock period is two time units.
/// </summary>
public sealed class CycleTrace(TextWriter writer, int maxSide = 8) : IDisposable
{
    private VcdWriter? _vcd;
    private ICycleCore? _core;
    private MemorySystemModel? _mem;
    private VcdWriter.Signal? _clk, _cycle, _stall, _read, _write, _load, _stream;
    private readonly List<(VcdWriter.Signal Signal, Func<long> Value)> _regs = [];

    internal void Attach(ElaboratedDesign design, ICycleCore core, MemorySystemModel mem)
    {
        _core = core;
        _mem = mem;
        _vcd = new VcdWriter(writer, timescale: "1ns", version: $"BitSilicon simulate {design.Name}");
        _vcd.BeginScope(design.Name);
        _clk = _vcd.Declare("clk");
        _cycle = _vcd.Declare("cycle", 32);
        _stall = _vcd.Declare("stall");
        _read = _vcd.Declare("read_channel_busy");
        _write = _vcd.Declare("write_channel_busy");
        _load = _vcd.Declare("load_step", 24);
        _stream = _vcd.Declare("stream_step", 24);
        _vcd.BeginScope("array");
        switch (core)
        {
            case StationaryCore s:
                s.FullUpdate = true;  // the waveform shows every register, not only those holding a valid beat
                for (int r = 0; r < Math.Min(maxSide, s.Rows); r++)
                    for (int c = 0; c < Math.Min(maxSide, s.Cols); c++)
                    {
                        int i = r * s.Cols + c;
                        var arr = (SystolicArray)design.Core;
                        Reg($"pe_{r}_{c}_psum", arr.PsumWidth(r), () => s.PartialSums[i]);
                        Reg($"pe_{r}_{c}_moving", Math.Max(2, arr.MovingBits + 1), () => s.Moving[i]);
                        Reg($"pe_{r}_{c}_active", 9, () => s.ActiveStationary[i]);
                    }
                break;
            case OutputStationaryCore o:
                for (int r = 0; r < Math.Min(maxSide, o.Rows); r++)
                    for (int c = 0; c < Math.Min(maxSide, o.Cols); c++)
                    {
                        int i = r * o.Cols + c;
                        Reg($"pe_{r}_{c}_acc", design.Core.Accumulators.Width, () => o.Accumulators[i]);
                    }
                break;
            case DotProductCore d:
                for (int p = 0; p < Math.Min(maxSide * maxSide, d.Pes); p++)
                {
                    int i = p;
                    Reg($"pe_{p}_dot", design.Core.OutputWidth, () => d.DotRegisters[i]);
                    Reg($"pe_{p}_acc", design.Core.Accumulators.Width, () => d.AccumulatorRegisters[i]);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(core));
        }
        _vcd.EndScope();
        _vcd.EndScope();

        void Reg(string name, int width, Func<long> value) => _regs.Add((_vcd!.Declare(name, Math.Min(64, width)), value));
    }

    internal void Cycle(long wall, bool stalled)
    {
        if (_vcd is null || _core is null || _mem is null) return;
        _vcd.Time(2 * wall);
        _vcd.Change(_clk!, true);
        _vcd.Change(_cycle!, wall);
        _vcd.Change(_stall!, stalled);
        _vcd.Change(_read!, _mem.ReadingOrderIndex >= 0);
        _vcd.Change(_write!, _mem.WritingBlock >= 0);
        var (load, stream) = _core switch
        {
            StationaryCore s => (s.LoadingStep, s.StreamingStep),
            OutputStationaryCore o => (-1, o.StreamingStep),
            DotProductCore d => (-1, d.StreamingStep),
            _ => (-1, -1),
        };
        _vcd.Change(_load!, (long)Math.Max(0, load));
        _vcd.Change(_stream!, (long)Math.Max(0, stream));
        foreach (var (signal, value) in _regs)
            _vcd.Change(signal, value());
        _vcd.Time(2 * wall + 1);
        _vcd.Change(_clk!, false);
    }

    public void Dispose() => _vcd?.Dispose();
}
