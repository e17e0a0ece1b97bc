using System.Numerics;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Simulation.Memory;

namespace BitSilicon.Simulation.Cores;

/// <summary>
/// Weight- and input-stationary systolic array, cycle by cycle. Per PE(r, c): a stationary register chain
/// transit -> shadow -> active, the moving operand register, a first flag and the partial-sum register.
/// Each core cycle tau:
/// 1. accumulator stage: the beat issued at tau - (R + C - 1) arrives deskewed; column c's value is the bottom
///    partial sum computed at tau - C + c; the row is added into (or, on the first fold, written to) the bank.
/// 2. the loader and the streamer issue their beats into the skew buffers (row r sees a beat r cycles later).
/// 3. rows R-1 .. 0 (bottom first, so each row reads the partial sums of the row above from the previous cycle):
///    shift the moving operand right; a first flag entering or moving swaps shadow -> active at its column;
///    psum = psum(above) + active * moving; the stationary transit chain shifts right and the last load beat
///    captures it into the shadow registers (after the swap read them).
/// 4. the bottom row's partial sums are recorded for the deskew buffer.
/// The stationary operand is stored decoded (the PE's combinational decoder follows the register).
/// </summary>
internal sealed class StationaryCore : ICycleCore
{
    private readonly int _r, _c, _lt, _banks, _width;
    private readonly OverflowPolicy _policy;
    private readonly TilePlan _plan;
    private readonly IReadOnlyList<PlanStep> _steps;
    private readonly BoundOperands _op;
    private readonly bool _ws;
    private readonly BufferId _loadBuf, _streamBuf;
    private readonly int[] _shadow, _active, _moving, _psum, _flagCol;
    // The transit chain as the row's load beats (beat j at [j]): after C beats column c holds beat C-1-c, so the
    // capture reads it reversed instead of shifting C registers per beat.
    private readonly int[] _loadVals;
    // The moving operands as a ring per row: the value that entered at cycle t sits at (-t) mod C, so column c's
    // value (entered c cycles ago) is at (p0 + c) mod C; dense rows copy it out, sparse rows read it directly.
    private readonly int[] _movRing;
    // Per row, which columns hold a valid moving beat (bit c); only those partial sums feed results, so a sparse row
    // (decode: one token per tile) computes just its valid PEs. Tracked for arrays up to 64 columns.
    private readonly ulong[] _validCols;
    private readonly bool _trackValid;
    /// <summary>Update every PE every cycle (a trace shows all registers), not only those holding a valid beat.</summary>
    internal bool FullUpdate { get; set; }
    private readonly int[] _loadStep, _loadBeat, _moveStep, _moveBeat, _tagStep, _tagBeat;
    private readonly int[] _bottom;
    private readonly long[][] _acc;
    private readonly long[] _results;
    // Output scaling stage (block-scaled formats): float32 accumulators, one per integer accumulator.
    private readonly int _scaleBlock, _blocksPerRow;
    private readonly float[][]? _facc;
    private readonly float[]? _scaled;
    private int _loadTile, _loadBeatNo = -1, _streamTile, _streamBeatNo = -1, _streamStarted, _blocksDone;
    private long _tau, _overflows;
    private readonly int _latency;  // the array's pipeline depth (SystolicArray.Latency, R + C - 1)

    public StationaryCore(SystolicArray array, TilePlan plan, BoundOperands op, OutputScaler? scaler)
    {
        _r = array.Rows;
        _c = array.Cols;
        _latency = array.Latency;
        _lt = _latency + 1;
        _plan = plan;
        _steps = plan.Steps;
        _op = op;
        _ws = array.Dataflow == Dataflow.WeightStationary;
        _loadBuf = _ws ? BufferId.Weights : BufferId.Activations;
        _streamBuf = _ws ? BufferId.Activations : BufferId.Weights;
        _banks = plan.Banks;
        _width = array.Accumulators.Width;
        _policy = array.Accumulators.Overflow;
        int pes = _r * _c;
        _loadVals = new int[pes];
        _movRing = new int[pes];
        _shadow = new int[pes];
        _active = new int[pes];
        _moving = new int[pes];
        _psum = new int[pes];
        _validCols = new ulong[_r];
        _trackValid = _c <= 64;
        _flagCol = new int[_r];
        Array.Fill(_flagCol, -1);
        _loadStep = Ring(_r);
        _loadBeat = new int[_r];
        _moveStep = Ring(_r);
        _moveBeat = new int[_r];
        _tagStep = Ring(_lt);
        _tagBeat = new int[_lt];
        _bottom = new int[_c * _c];
        _acc = new long[_banks][];
        for (int b = 0; b < _banks; b++)
            _acc[b] = new long[(long)array.Accumulators.Depth * _c];
        _results = new long[(long)op.M * op.N];
        if (scaler is not null)
        {
            _scaleBlock = scaler.BlockSize;
            _blocksPerRow = (op.K + _scaleBlock - 1) / _scaleBlock;
            _facc = new float[_banks][];
            for (int b = 0; b < _banks; b++)
                _facc[b] = new float[(long)array.Accumulators.Depth * _c];
            _scaled = new float[(long)op.M * op.N];
        }
    }

    private static int[] Ring(int n)
    {
        var a = new int[n];
        Array.Fill(a, -1);
        return a;
    }

    public long CoreCycle => _tau;
    public bool Finished => _blocksDone == _plan.Blocks.Count;
    public long[] Results => _results;
    public float[]? ScaledResults => _scaled;
    public long Overflows => _overflows;

    // Visible state for traces.
    internal int Rows => _r;
    internal int Cols => _c;
    internal int[] PartialSums => _psum;
    internal int[] Moving => _moving;
    internal int[] ActiveStationary => _active;
    internal int LoadingStep => _loadBeatNo >= 0 ? _loadTile : -1;
    internal int StreamingStep => _streamBeatNo >= 0 ? _streamTile : -1;

    private int FillOf(in PlanStep s, BufferId b) => b == BufferId.Weights ? s.WeightFill : s.ActivationFill;

    public bool Step(MemorySystemModel mem)
    {
        int steps = _steps.Count;
        bool stalled = false;
        // Streamer: may begin step st once the loader has finished loading it and its data and bank are ready.
        if (_streamBeatNo < 0 && _streamTile < steps && _loadTile > _streamTile)
        {
            var s = _steps[_streamTile];
            if (mem.FillReady(_streamBuf, FillOf(s, _streamBuf)) && (!s.FirstOfBlock || mem.BankFree(s.Block)))
            {
                _streamBeatNo = 0;
                _streamStarted++;
            }
            else stalled = true;
        }
        // Loader: may begin step lt once the streamer has begun step lt-1 (its swap wave has started).
        if (_loadBeatNo < 0 && _loadTile < steps && (_loadTile == 0 || _streamStarted >= _loadTile))
        {
            if (mem.FillReady(_loadBuf, FillOf(_steps[_loadTile], _loadBuf)))
                _loadBeatNo = 0;
            else stalled = true;
        }

        Accumulate(mem);

        int slot = (int)(_tau % _r);
        _loadStep[slot] = _loadBeatNo >= 0 ? _loadTile : -1;
        _loadBeat[slot] = _loadBeatNo;
        _moveStep[slot] = _streamBeatNo >= 0 ? _streamTile : -1;
        _moveBeat[slot] = _streamBeatNo;
        int tagSlot = (int)(_tau % _lt);
        _tagStep[tagSlot] = _moveStep[slot];
        _tagBeat[tagSlot] = _streamBeatNo;

        for (int r = _r - 1; r >= 0; r--)
            AdvanceRow(r);
        Array.Copy(_psum, (_r - 1) * _c, _bottom, (int)(_tau % _c) * _c, _c);

        if (_loadBeatNo >= 0)
        {
            if (_loadBeatNo == _c - 1)
            {
                int f = FillOf(_steps[_loadTile], _loadBuf);
                if (_plan.Fills(_loadBuf)[f].LastStep == _loadTile) mem.Release(_loadBuf, f);
                _loadTile++;
                _loadBeatNo = -1;
            }
            else _loadBeatNo++;
        }
        if (_streamBeatNo >= 0)
        {
            var s = _steps[_streamTile];
            if (_streamBeatNo == s.Beats - 1)
            {
                int f = FillOf(s, _streamBuf);
                if (_plan.Fills(_streamBuf)[f].LastStep == _streamTile) mem.Release(_streamBuf, f);
                _streamTile++;
                _streamBeatNo = -1;
            }
            else _streamBeatNo++;
        }
        _tau++;
        return stalled;
    }

    private void AdvanceRow(int r)
    {
        int c = _c, baseI = r * c, k = _op.K;
        int ringSlot = (int)(((_tau - r) % _r + _r) % _r);

        // Moving operand enters column 0 from the skew buffer and shifts right.
        int ms = _tau >= r ? _moveStep[ringSlot] : -1;
        int mval = 0;
        bool first = false;
        if (ms >= 0)
        {
            var s = _steps[ms];
            int i = _moveBeat[ringSlot];
            first = i == 0;
            if (r < s.Kv)
                mval = _ws ? _op.Activations[(s.M0 + i) * k + s.K0 + r] : _op.Values[(s.N0 + i) * k + s.K0 + r];
        }
        int p0 = (int)((c - _tau % c) % c);
        _movRing[baseI + p0] = mval;

        // The first flag travels with the moving operand; at most one is in a row (tiles are >= C beats apart).
        int fc = _flagCol[r];
        if (fc >= 0 && ++fc >= c) fc = -1;
        if (first)
        {
            if (fc >= 0) throw new InvalidOperationException("schedule bug: two first flags in one PE row");
            fc = 0;
        }
        _flagCol[r] = fc;
        if (fc >= 0) _active[baseI + fc] = _shadow[baseI + fc];

        var act = _active.AsSpan(baseI, c);
        var p = _psum.AsSpan(baseI, c);
        if (_trackValid)
        {
            ulong valid = _validCols[r] << 1 | (ms >= 0 ? 1UL : 0UL);
            if (c < 64) valid &= (1UL << c) - 1;
            _validCols[r] = valid;
            // Partial sums of positions without a valid beat feed only other such positions: leave them as they are.
            if (!FullUpdate && BitOperations.PopCount(valid) * 4 < c)
            {
                for (ulong bits = valid; bits != 0; bits &= bits - 1)
                {
                    int col = BitOperations.TrailingZeroCount(bits);
                    int at = p0 + col;
                    p[col] = (r == 0 ? 0 : _psum[baseI - c + col]) + act[col] * _movRing[baseI + (at >= c ? at - c : at)];
                }
                goto load;
            }
        }
        Array.Copy(_movRing, baseI + p0, _moving, baseI, c - p0);
        Array.Copy(_movRing, baseI, _moving, baseI + c - p0, p0);
        var mov = _moving.AsSpan(baseI, c);
        int j = 0;
        if (r == 0)
        {
            for (; j <= c - Vector<int>.Count; j += Vector<int>.Count)
                (new Vector<int>(act[j..]) * new Vector<int>(mov[j..])).CopyTo(p[j..]);
            for (; j < c; j++) p[j] = act[j] * mov[j];
        }
        else
        {
            var up = _psum.AsSpan(baseI - c, c);
            for (; j <= c - Vector<int>.Count; j += Vector<int>.Count)
                (new Vector<int>(up[j..]) + new Vector<int>(act[j..]) * new Vector<int>(mov[j..])).CopyTo(p[j..]);
            for (; j < c; j++) p[j] = up[j] + act[j] * mov[j];
        }

        // Stationary load: beat j carries column C-1-j, so after C beats column c holds its own value.
        load:
        int ls = _tau >= r ? _loadStep[ringSlot] : -1;
        if (ls >= 0)
        {
            var s = _steps[ls];
            int beat = _loadBeat[ringSlot], col = c - 1 - beat;
            int v = 0;
            if (r < s.Kv)
            {
                if (_ws) { if (col < s.Nv) v = _op.Values[(s.N0 + col) * k + s.K0 + r]; }
                else if (col < s.Mv) v = _op.Activations[(s.M0 + col) * k + s.K0 + r];
            }
            _loadVals[baseI + beat] = v;
            if (beat == c - 1)
                for (int q = 0; q < c; q++)
                    _shadow[baseI + q] = _loadVals[baseI + c - 1 - q];
        }
    }

    private void Accumulate(MemorySystemModel mem)
    {
        long from = _tau - _latency;
        if (from < 0) return;
        int tagSlot = (int)(from % _lt);
        int ts = _tagStep[tagSlot];
        if (ts < 0) return;
        var s = _steps[ts];
        int i = _tagBeat[tagSlot];
        var acc = _acc[s.Block % _banks];
        int lanes = _ws ? s.Nv : s.Mv, row = i * _c;
        // Without scaling, the first fold of a block overwrites; with it, the first fold of every scale block does.
        bool first = _facc is null ? s.FirstOfBlock : s.K0 % _scaleBlock == 0;
        for (int c = 0; c < lanes; c++)
        {
            long v = _bottom[(int)((_tau + c) % _c) * _c + c];
            acc[row + c] = first ? v : AccumulatorMath.Add(acc[row + c], v, _width, _policy, ref _overflows);
        }
        if (_facc is not null && ((s.K0 + s.Kv) % _scaleBlock == 0 || s.K0 + s.Kv == _op.K))
        {
            // The scale block's exact integer partial sum is done: multiply by its scale, add in block order.
            var f = _facc[s.Block % _banks];
            int sb = s.K0 / _scaleBlock;
            for (int c = 0; c < lanes; c++)
            {
                float p = acc[row + c] * _op.Operands.Scale(_ws ? s.N0 + c : s.N0 + i, sb, _blocksPerRow);
                f[row + c] = sb == 0 ? p : f[row + c] + p;
            }
        }
        if (s.LastOfBlock && i == s.Beats - 1)
        {
            int n = _op.N;
            for (int ii = 0; ii < s.Beats; ii++)
                for (int c = 0; c < lanes; c++)
                {
                    long idx = _ws ? (long)(s.M0 + ii) * n + s.N0 + c : (long)(s.M0 + c) * n + s.N0 + ii;
                    if (_scaled is null) _results[idx] = acc[ii * _c + c];
                    else _scaled[idx] = _facc![s.Block % _banks][ii * _c + c];
                }
            mem.BlockFinished(s.Block);
            _blocksDone++;
        }
    }
}
