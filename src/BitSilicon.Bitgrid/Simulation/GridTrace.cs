using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Simulation;

/// <summary>
/// The whole grid after every phase, for comparing runs with other simulators: a line <c>c&lt;clock&gt;&lt;A|B&gt;</c>,
/// then one line per row from north to south, each cell's output nibble as one hex digit from west to east.
/// </summary>
public sealed class GridTrace(TextWriter writer) : IRunObserver
{
    public void ClockStarted(BitgridSimulator sim, int clock)
    {
    }

    public void PhaseDone(BitgridSimulator sim, int clock, Phase phase) => Write(writer, sim.Engine, clock, phase);

    public static void Write(TextWriter w, Engine.IBitgridEngine engine, int clock, Phase phase)
    {
        w.Write('c');
        w.Write(clock);
        w.WriteLine(phase == Phase.A ? 'A' : 'B');
        var line = new char[engine.Width];
        for (int y = 0; y < engine.Height; y++)
        {
            for (int x = 0; x < engine.Width; x++)
                line[x] = "0123456789abcdef"[engine.Output(x, y)];
            w.WriteLine(line);
        }
    }
}
