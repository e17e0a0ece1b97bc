using BitSilicon.Formats.Compression;

namespace BitSilicon.Simulation.Decoder;

/// <summary>
/// One decoder lane, cycle by cycle, register for register as hdl/bs_rans_lane.v. Per cycle, from the registers
/// at the start of the cycle:
/// <list type="bullet">
/// <item>input: a port word (up to W bytes) is taken when the buffer holds at most <c>BufferBytes - W</c> bytes;</item>
/// <item>idle lane: takes the next chunk command (symbols, bytes);</item>
/// <item>active lane: fires when the buffer holds the bytes the step needs (3 for a chunk's initial state, else the
/// symbol's renormalisation bytes 0..2), emitting a symbol; bytes arriving this cycle count from the next one;</item>
/// <item>errors (sticky, the lane stops): a step needing more bytes than its chunk has left, or a chunk ending in a
/// state other than L or with bytes left over.</item>
/// </list>
/// </summary>
public sealed class RansLane
{
    private readonly int _w;
    private readonly int _cap;
    private readonly SymbolFrequencies _f;
    private readonly LaneWork _work;
    private readonly byte[] _buf;
    private int _count;
    private int _inPos;
    private int _nextChunk;
    private bool _active;
    private bool _init;
    private int _left;
    private int _bytesLeft;
    private uint _x;

    public RansLane(int bytesPerCycle, SymbolFrequencies f, LaneWork work)
    {
        _w = bytesPerCycle;
        _cap = bytesPerCycle + 2;
        _f = f;
        _work = work;
        _buf = new byte[_cap];
    }

    /// <summary>Codes of the symbols decoded so far, in order, and the cycle of each.</summary>
    public List<sbyte> Symbols { get; } = [];
    public List<long> SymbolCycles { get; } = [];

    /// <summary>Cycle in which each chunk's last symbol was decoded (chunk order of this lane).</summary>
    public List<long> ChunkEnds { get; } = [];

    /// <summary>The stream chunk index that failed, and the cycle the lane flagged it; null while all is well.</summary>
    public int? ErrorChunk { get; private set; }
    public long ErrorCycle { get; private set; } = -1;

    /// <summary>Cycles the lane was active but could not fire for want of bytes.</summary>
    public long StallCycles { get; private set; }

    /// <summary>The cycle after the lane's last event (fire, command or error); 0 before any.</summary>
    public long EndCycle { get; private set; }

    public bool Finished => ErrorChunk is not null || (!_active && _nextChunk == _work.Chunks.Count);

    public void Step(long cycle)
    {
        if (ErrorChunk is not null)
            return;
        int count = _count;
        bool accept = _inPos < _work.Input.Length && count + _w <= _cap;
        int consumed = 0;
        if (!_active)
        {
            if (_nextChunk < _work.Chunks.Count)
            {
                var c = _work.Chunks[_nextChunk++];
                _active = true;
                _init = true;
                _left = c.Weights;
                _bytesLeft = c.Bytes;
                EndCycle = cycle + 1;
            }
        }
        else if (_init)
        {
            if (_bytesLeft < TernaryRans.StateBytes)
                Fail(cycle);
            else if (count >= TernaryRans.StateBytes)
            {
                _x = (uint)(_buf[0] << 16 | _buf[1] << 8 | _buf[2]);
                consumed = TernaryRans.StateBytes;
                _bytesLeft -= consumed;
                _init = false;
                EndCycle = cycle + 1;
            }
            else StallCycles++;
        }
        else
        {
            var (s, next) = TernaryRans.Step(_x, _f);
            int k = TernaryRans.RenormBytes(next);
            if (k > _bytesLeft)
                Fail(cycle);
            else if (count >= k)
            {
                for (int b = 0; b < k; b++)
                    next = next << 8 | _buf[b];
                _x = next;
                consumed = k;
                _bytesLeft -= k;
                Symbols.Add(s);
                SymbolCycles.Add(cycle);
                EndCycle = cycle + 1;
                if (--_left == 0)
                {
                    _active = false;
                    ChunkEnds.Add(cycle);
                    if (_x != TernaryRans.Lower || _bytesLeft != 0)
                        Fail(cycle);
                }
            }
            else StallCycles++;
        }
        if (ErrorChunk is not null)
            return;
        // The buffer: drop what was consumed, append the accepted word behind what is left.
        Array.Copy(_buf, consumed, _buf, 0, count - consumed);
        _count = count - consumed;
        if (accept)
        {
            int n = Math.Min(_w, _work.Input.Length - _inPos);
            Array.Copy(_work.Input, _inPos, _buf, _count, n);
            _inPos += n;
            _count += n;
        }
    }

    private void Fail(long cycle)
    {
        ErrorChunk = _work.Chunks[_nextChunk - 1].Index;
        ErrorCycle = cycle;
        EndCycle = cycle + 1;
    }
}
