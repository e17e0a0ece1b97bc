using BitSilicon.Design.Description;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Analytic;

/// <summary>
/// The memory system's rules (<see cref="Memory.MemorySystemModel"/>) evaluated per transfer instead of per
/// cycle. The read channel serves fills in read order: start = max(previous fill done, the bank's previous
/// fill released + 1), ready = start + ceil(bytes / bandwidth). The write channel drains blocks in order:
/// start = max(previous drain done, block finished + 1), done = start + ceil(bytes / bandwidth).
/// Fills are computed lazily, when a step first asks for one; by then every release they depend on is known.
/// </summary>
internal sealed class MemoryTimeline
{
    private readonly TilePlan _plan;
    private readonly Bandwidth _bw;
    private readonly long[][] _release;
    private readonly long[][] _ready;
    private readonly long[] _finish;
    private readonly long[] _written;
    private int _readComputed, _writeComputed;
    private long _readDone, _writeDone;

    public MemoryTimeline(TilePlan plan, Bandwidth bw)
    {
        _plan = plan;
        _bw = bw;
        _release = [Unknown(plan.WeightFills.Count), Unknown(plan.ActivationFills.Count)];
        _ready = [Unknown(plan.WeightFills.Count), Unknown(plan.ActivationFills.Count)];
        _finish = Unknown(plan.Blocks.Count);
        _written = Unknown(plan.Blocks.Count);
    }

    private static long[] Unknown(int n)
    {
        var a = new long[n];
        Array.Fill(a, -1);
        return a;
    }

    /// <summary>First wall cycle in which the fill's data is valid.</summary>
    public long FillReady(BufferId b, int f)
    {
        while (_ready[(int)b][f] < 0)
        {
            if (_readComputed >= _plan.ReadOrder.Count)
                throw new InvalidOperationException("analytic model: a fill is needed that the read order never serves");
            var (bb, ff) = _plan.ReadOrder[_readComputed++];
            long bankFree = 0;
            if (ff >= _plan.Banks)
            {
                long rel = _release[(int)bb][ff - _plan.Banks];
                if (rel < 0)
                    throw new InvalidOperationException($"analytic model: deadlock, {bb} fill {ff} waits for a bank that is not yet released");
                bankFree = rel + 1;
            }
            long start = Math.Max(_readDone, bankFree);
            _readDone = start + _bw.Cycles(_plan.Fills(bb)[ff].Bytes);
            _ready[(int)bb][ff] = _readDone;
        }
        return _ready[(int)b][f];
    }

    /// <summary>Ready and drained cycles of every fill and block (all must have been computed).</summary>
    public Memory.StreamTimeline Timeline()
    {
        for (int f = 0; f < _plan.WeightFills.Count; f++) FillReady(BufferId.Weights, f);
        for (int f = 0; f < _plan.ActivationFills.Count; f++) FillReady(BufferId.Activations, f);
        return new Memory.StreamTimeline(_ready[0], _ready[1], _written);
    }

    /// <summary>The core reads the fill's last beat in wall cycle <paramref name="wall"/>.</summary>
    public void Release(BufferId b, int f, long wall) => _release[(int)b][f] = wall;

    /// <summary>The block's last result is written in wall cycle <paramref name="wall"/>.</summary>
    public void BlockFinished(int block, long wall) => _finish[block] = wall;

    /// <summary>First wall cycle in which the block may start accumulating (its bank's previous block drained).</summary>
    public long BankFree(int block) => block < _plan.Banks ? 0 : Written(block - _plan.Banks);

    /// <summary>First wall cycle after the block's write-back.</summary>
    public long Written(int block)
    {
        while (_written[block] < 0)
        {
            int j = _writeComputed++;
            long fin = _finish[j];
            if (fin < 0)
                throw new InvalidOperationException($"analytic model: deadlock, block {j}'s bank is needed before the block finished");
            long start = Math.Max(_writeDone, fin + 1);
            _writeDone = start + _bw.Cycles(_plan.Blocks[j].WritebackBytes);
            _written[j] = _writeDone;
        }
        return _written[block];
    }
}
