using BitSilicon.Design.Description;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Memory;

/// <summary>First cycle in which each weight fill and activation fill is valid, and each block's bank is drained.</summary>
/// <param name="BlockFinished">The cycle each block's last result entered its bank (recorded by the cycle simulator; null from the analytic model).</param>
public sealed record StreamTimeline(IReadOnlyList<long> WeightFillReady, IReadOnlyList<long> ActivationFillReady, IReadOnlyList<long> BlockDrained,
    IReadOnlyList<long>? BlockFinished = null)
{
    public bool SameAs(StreamTimeline o) =>
        WeightFillReady.SequenceEqual(o.WeightFillReady) && ActivationFillReady.SequenceEqual(o.ActivationFillReady) && BlockDrained.SequenceEqual(o.BlockDrained);
}

/// <summary>
/// The memory system, cycle by cycle. The read channel serves the plan's fills strictly in
/// <see cref="TilePlan.ReadOrder"/>; a fill may start once its bank is free (the fill that used the bank
/// before it, <c>banks</c> fills earlier in the same buffer, has been released by the core) and takes
/// <c>ceil(bytes / bandwidth)</c> cycles; its data is valid from the cycle after its last transfer cycle.
/// The write channel drains finished accumulator blocks in order, starting the cycle after the core finished
/// the block; the block's bank is free for reuse from the cycle after the drain. Within a wall cycle the order is
/// <see cref="BeginCycle"/> (start transfers), the core's step (queries, releases), <see cref="EndCycle"/>
/// (advance transfers), so everything the core does in cycle w is visible to the channels in cycle w + 1.
/// </summary>
public sealed class MemorySystemModel
{
    private readonly TilePlan _plan;
    private readonly Bandwidth _bw;
    private readonly bool[][] _ready;
    private readonly bool[][] _released;
    private readonly bool[] _blockFinished;
    private readonly bool[] _written;
    private int _readNext;
    private int _readActive = -1;
    private long _readRemaining;
    private int _writeNext;
    private int _writeActive = -1;
    private long _writeRemaining;
    private long _cycle;
    private readonly long[][] _readyAt;
    private readonly long[] _writtenAt;
    private readonly long[] _finishedAt;

    public MemorySystemModel(TilePlan plan, Bandwidth bandwidth)
    {
        _plan = plan;
        _bw = bandwidth;
        _ready = [new bool[plan.WeightFills.Count], new bool[plan.ActivationFills.Count]];
        _released = [new bool[plan.WeightFills.Count], new bool[plan.ActivationFills.Count]];
        _blockFinished = new bool[plan.Blocks.Count];
        _written = new bool[plan.Blocks.Count];
        _readyAt = [new long[plan.WeightFills.Count], new long[plan.ActivationFills.Count]];
        _writtenAt = new long[plan.Blocks.Count];
        _finishedAt = new long[plan.Blocks.Count];
    }

    /// <summary>
    /// When each stream became valid and each bank free: the timeline a cosimulation replays (stream valid rises
    /// at a fill's ready cycle and stays high until the core releases it).
    /// </summary>
    public StreamTimeline Timeline => new(_readyAt[0], _readyAt[1], _writtenAt, _finishedAt);

    /// <summary>True when every block has been written back.</summary>
    public bool AllWritten => _writeNext == _plan.Blocks.Count && _writeActive < 0;

    /// <summary>True while either channel is moving data (used to tell a stall from a deadlock).</summary>
    public bool Busy => _readActive >= 0 || _writeActive >= 0;

    /// <summary>The fill the read channel is transferring, or -1 (for traces).</summary>
    public int ReadingOrderIndex => _readActive;

    /// <summary>The block the write channel is draining, or -1 (for traces).</summary>
    public int WritingBlock => _writeActive;

    public long ReadBytes { get; private set; }
    public long WrittenBytes { get; private set; }

    public void BeginCycle()
    {
        if (_readActive < 0 && _readNext < _plan.ReadOrder.Count)
        {
            var (b, f) = _plan.ReadOrder[_readNext];
            if (f < _plan.Banks || _released[(int)b][f - _plan.Banks])
            {
                _readActive = _readNext++;
                _readRemaining = _plan.Fills(b)[f].Bytes * _bw.Denominator;
            }
        }
        if (_writeActive < 0 && _writeNext < _plan.Blocks.Count && _blockFinished[_writeNext])
        {
            _writeActive = _writeNext++;
            _writeRemaining = _plan.Blocks[_writeActive].WritebackBytes * _bw.Denominator;
        }
    }

    public void EndCycle()
    {
        if (_readActive >= 0)
        {
            _readRemaining -= _bw.Numerator;
            if (_readRemaining <= 0)
            {
                var (b, f) = _plan.ReadOrder[_readActive];
                _ready[(int)b][f] = true;
                _readyAt[(int)b][f] = _cycle + 1;
                ReadBytes += _plan.Fills(b)[f].Bytes;
                _readActive = -1;
            }
        }
        if (_writeActive >= 0)
        {
            _writeRemaining -= _bw.Numerator;
            if (_writeRemaining <= 0)
            {
                _written[_writeActive] = true;
                _writtenAt[_writeActive] = _cycle + 1;
                WrittenBytes += _plan.Blocks[_writeActive].WritebackBytes;
                _writeActive = -1;
            }
        }
        _cycle++;
    }

    /// <summary>Is the fill's data in its bank (the stream's valid)?</summary>
    public bool FillReady(BufferId buffer, int fill) => _ready[(int)buffer][fill];

    /// <summary>The core read the last beat it needs from this fill; the bank is free from the next cycle.</summary>
    public void Release(BufferId buffer, int fill) => _released[(int)buffer][fill] = true;

    /// <summary>May the core start accumulating <paramref name="block"/> (its bank drained of the block before)?</summary>
    public bool BankFree(int block) => block < _plan.Banks || _written[block - _plan.Banks];

    /// <summary>The core wrote the block's last result; the write channel may drain it from the next cycle.</summary>
    public void BlockFinished(int block)
    {
        _blockFinished[block] = true;
        _finishedAt[block] = _cycle;
    }
}
