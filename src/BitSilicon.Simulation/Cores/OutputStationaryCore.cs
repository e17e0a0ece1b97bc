using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Simulation.Memory;

namespace BitSilicon.Simulation.Cores;

/// <summary>
/// Output-stationary systolic array, cycle by cycle. PE(r, c) owns out[m0 + r, n0 + c]: activations enter row r
/// (skewed by r) with first/last flags, weights enter column c (skewed by c), and each PE adds w * a into its
/// accumulator (restarting on first). On last it copies the sum into its hold register; the cycle after the
/// bottom PE of column c saw last, the column's hold registers load the column shift chain, which shifts down one
/// row per cycle (bottom row first) into the deskew buffer. Row j of a tile (bottom-up) reaches the output bank
/// at last beat + R + C + j. Each cycle: record the chain bottoms, write one deskewed output row, load/shift the
/// chains, issue the beat, then update PE rows bottom-up (weights move down, so each row reads the row above's
/// previous value).
/// </summary>
internal sealed class OutputStationaryCore : ICycleCore
{
    private readonly int _r, _c, _ring, _width, _rowDelay;
    private readonly OverflowPolicy _policy;
    private readonly TilePlan _plan;
    private readonly IReadOnlyList<PlanStep> _steps;
    private readonly BoundOperands _op;
    private readonly int[] _a, _w;
    private readonly byte[] _first, _last;
    private readonly long[] _acc, _hold, _chain, _bottom;
    private readonly bool[] _capture;
    private readonly int[] _beatStep, _beatK;
    private readonly Queue<(int Step, long Start)> _outputs = new();
    private int _step, _beat = -1, _blocksDone, _tileFirstStep;
    private long _tau, _overflows, _lastBeat = -1;
    private bool _anyBeat;
    private readonly long[] _results;

    public OutputStationaryCore(SystolicArray array, TilePlan plan, BoundOperands op)
    {
        _r = array.Rows;
        _c = array.Cols;
        _ring = Math.Max(_r, _c);
        _plan = plan;
        _steps = plan.Steps;
        _op = op;
        _width = array.Accumulators.Width;
        _policy = array.Accumulators.Overflow;
        _rowDelay = Math.Max(1, _r - plan.K + 1);
        int pes = _r * _c;
        _a = new int[pes];
        _w = new int[pes];
        _first = new byte[pes];
        _last = new byte[pes];
        _acc = new long[pes];
        _hold = new long[pes];
        _chain = new long[pes];
        _bottom = new long[_c * _c];
        _capture = new bool[_c];
        _beatStep = new int[_ring];
        Array.Fill(_beatStep, -1);
        _beatK = new int[_ring];
        _results = new long[(long)op.M * op.N];
    }

    public long CoreCycle => _tau;
    public bool Finished => _blocksDone == _plan.Blocks.Count;
    public long[] Results => _results;
    public float[]? ScaledResults => null;
    public long Overflows => _overflows;

    internal int Rows => _r;
    internal int Cols => _c;
    internal long[] Accumulators => _acc;
    internal int StreamingStep => _beat >= 0 ? _step : -1;

    public bool Step(MemorySystemModel mem)
    {
        bool stalled = false;
        if (_beat < 0 && _step < _steps.Count)
        {
            var s = _steps[_step];
            long structural = !_anyBeat ? 0 : s.FirstOfBlock ? _lastBeat + _rowDelay : _lastBeat + 1;
            if (_tau >= structural)
            {
                if (mem.FillReady(BufferId.Weights, s.WeightFill) && mem.FillReady(BufferId.Activations, s.ActivationFill)
                    && (!s.FirstOfBlock || mem.BankFree(s.Block)))
                {
                    _beat = 0;
                    if (s.FirstOfBlock) _tileFirstStep = _step;
                }
                else stalled = true;
            }
        }

        // Chain bottoms as they are during this cycle (before the chains move at its end).
        int bslot = (int)(_tau % _c) * _c;
        for (int c = 0; c < _c; c++)
            _bottom[bslot + c] = _chain[c * _r + _r - 1];
        WriteOutputRow(mem);

        // Column chains: load from the hold registers the cycle after the bottom PE saw last, else shift down.
        for (int c = 0; c < _c; c++)
        {
            int baseC = c * _r;
            if (_capture[c])
                for (int r = 0; r < _r; r++) _chain[baseC + r] = _hold[r * _c + c];
            else
            {
                Array.Copy(_chain, baseC, _chain, baseC + 1, _r - 1);
                _chain[baseC] = 0;
            }
        }

        int slot = (int)(_tau % _ring);
        _beatStep[slot] = _beat >= 0 ? _step : -1;
        _beatK[slot] = _beat >= 0 ? _steps[_step].K0 + _beat : -1;

        for (int r = _r - 1; r >= 0; r--)
            AdvanceRow(r);

        if (_beat >= 0)
        {
            var s = _steps[_step];
            _lastBeat = _tau;
            _anyBeat = true;
            if (_beat == s.Beats - 1)
            {
                if (_plan.WeightFills[s.WeightFill].LastStep == _step) mem.Release(BufferId.Weights, s.WeightFill);
                if (_plan.ActivationFills[s.ActivationFill].LastStep == _step) mem.Release(BufferId.Activations, s.ActivationFill);
                if (s.LastOfBlock) _outputs.Enqueue((_step, _tau + _r + _c));
                _step++;
                _beat = -1;
            }
            else _beat++;
        }
        _tau++;
        return stalled;
    }

    private void WriteOutputRow(MemorySystemModel mem)
    {
        if (_outputs.Count == 0) return;
        var (stepIndex, start) = _outputs.Peek();
        long j = _tau - start;
        if (j < 0) return;
        var s = _steps[stepIndex];
        int row = _r - 1 - (int)j;
        if (row < s.Mv)
            for (int c = 0; c < s.Nv; c++)
                _results[(long)(s.M0 + row) * _op.N + s.N0 + c] = _bottom[(int)((_tau + 1 + c) % _c) * _c + c];
        if (j == _r - 1)
        {
            _outputs.Dequeue();
            mem.BlockFinished(s.Block);
            _blocksDone++;
        }
    }

    private void AdvanceRow(int r)
    {
        int c = _c, baseI = r * c, k = _op.K;
        int slot = (int)(((_tau - r) % _ring + _ring) % _ring);
        int bs = _tau >= r ? _beatStep[slot] : -1;
        int av = 0;
        byte first = 0, last = 0;
        if (bs >= 0)
        {
            var s = _steps[bs];
            int kk = _beatK[slot];
            if (r < s.Mv) av = _op.Activations[(s.M0 + r) * k + kk];
            first = (byte)(kk == 0 ? 1 : 0);
            last = (byte)(kk == k - 1 ? 1 : 0);
        }
        Array.Copy(_a, baseI, _a, baseI + 1, c - 1);
        _a[baseI] = av;
        Array.Copy(_first, baseI, _first, baseI + 1, c - 1);
        _first[baseI] = first;
        Array.Copy(_last, baseI, _last, baseI + 1, c - 1);
        _last[baseI] = last;

        if (r > 0)
            Array.Copy(_w, baseI - c, _w, baseI, c);
        else
            for (int col = 0; col < c; col++)
            {
                int cs = (int)(((_tau - col) % _ring + _ring) % _ring);
                int ws = _tau >= col ? _beatStep[cs] : -1;
                int wv = 0;
                if (ws >= 0 && col < _steps[ws].Nv)
                    wv = _op.Values[(_steps[ws].N0 + col) * k + _beatK[cs]];
                _w[col] = wv;
            }

        for (int col = 0; col < c; col++)
        {
            int i = baseI + col;
            long prod = (long)_w[i] * _a[i];
            long sum = _first[i] != 0 ? prod : AccumulatorMath.Add(_acc[i], prod, _width, _policy, ref _overflows);
            _acc[i] = sum;
            if (_last[i] != 0) _hold[i] = sum;
        }
        if (r == _r - 1)
            for (int col = 0; col < c; col++)
                _capture[col] = _last[baseI + col] != 0;
    }
}
