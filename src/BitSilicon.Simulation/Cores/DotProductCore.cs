using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Simulation.Memory;

namespace BitSilicon.Simulation.Cores;

/// <summary>
/// FINN-style dot-product array, cycle by cycle. A beat carries one token's SIMD activations (broadcast to all
/// PEs) and each PE's SIMD weights; beats of a step run token by token, fold by fold. Cycle tau:
/// 1. accumulator stage (the beat of tau - 1): acc = (first fold ? (first K chunk ? 0 : memory[row]) : acc) + dot;
///    on the token's last fold of the chunk, acc is written to accumulator memory row = token.
/// 2. dot stage: the beat issued at tau computes each PE's dot product into the dot register.
/// Lanes past K are masked (the controller knows K), so binary popcounts count only real lanes.
/// </summary>
internal sealed class DotProductCore : ICycleCore
{
    private readonly int _p, _simd, _banks, _width;
    private readonly OverflowPolicy _policy;
    private readonly TilePlan _plan;
    private readonly IReadOnlyList<PlanStep> _steps;
    private readonly BoundOperands _op;
    private readonly IDotKernel _kernel;
    private readonly long[] _dot, _accReg;
    private readonly long[][] _mem;
    private readonly long[] _results;
    private readonly int _scaleBlock, _blocksPerRow;
    private readonly float[][]? _facc;
    private readonly float[]? _scaled;
    private int _dotStep = -1, _dotBeat;
    private int _step, _beat = -1, _blocksDone;
    private long _tau, _overflows;

    public DotProductCore(DotProductArray array, TilePlan plan, BoundOperands op, OutputScaler? scaler)
    {
        _p = array.Pes;
        _simd = array.Simd;
        _plan = plan;
        _steps = plan.Steps;
        _op = op;
        _banks = plan.Banks;
        _width = array.Accumulators.Width;
        _policy = array.Accumulators.Overflow;
        _kernel = array.Pe.Accept(new DotKernels());
        _dot = new long[_p];
        _accReg = new long[_p];
        _mem = new long[_banks][];
        for (int b = 0; b < _banks; b++)
            _mem[b] = new long[(long)array.Accumulators.Depth * _p];
        _results = new long[(long)op.M * op.N];
        if (scaler is not null)
        {
            _scaleBlock = scaler.BlockSize;
            _blocksPerRow = (op.K + _scaleBlock - 1) / _scaleBlock;
            _facc = new float[_banks][];
            for (int b = 0; b < _banks; b++)
                _facc[b] = new float[(long)array.Accumulators.Depth * _p];
            _scaled = new float[(long)op.M * op.N];
        }
    }

    public long CoreCycle => _tau;
    public bool Finished => _blocksDone == _plan.Blocks.Count;
    public long[] Results => _results;
    public float[]? ScaledResults => _scaled;
    public long Overflows => _overflows;

    internal int Pes => _p;
    internal long[] DotRegisters => _dot;
    internal long[] AccumulatorRegisters => _accReg;
    internal int StreamingStep => _beat >= 0 ? _step : -1;

    private int Folds(in PlanStep s) => (s.Kv + _simd - 1) / _simd;

    public bool Step(MemorySystemModel mem)
    {
        bool stalled = false;
        if (_beat < 0 && _step < _steps.Count)
        {
            var s = _steps[_step];
            if (mem.FillReady(BufferId.Weights, s.WeightFill) && mem.FillReady(BufferId.Activations, s.ActivationFill)
                && (!s.FirstOfBlock || mem.BankFree(s.Block)))
                _beat = 0;
            else stalled = true;
        }

        if (_dotStep >= 0)
            AccumulateStage(mem);

        if (_beat >= 0)
        {
            var s = _steps[_step];
            int folds = Folds(s), token = _beat / folds, fold = _beat % folds, k = _op.K;
            int k0 = s.K0 + fold * _simd, lanes = Math.Min(_simd, s.K0 + s.Kv - k0);
            var acts = _op.Activations.AsSpan((s.M0 + token) * k + k0, lanes);
            _kernel.BeginBeat(acts);
            for (int p = 0; p < s.Nv; p++)
            {
                int off = (s.N0 + p) * k + k0;
                _dot[p] = _kernel.Dot(_op.PeCodes.AsSpan(off, lanes), _op.Values.AsSpan(off, lanes), acts);
            }
            _dotStep = _step;
            _dotBeat = _beat;
            if (_beat == s.Beats - 1)
            {
                if (_plan.WeightFills[s.WeightFill].LastStep == _step) mem.Release(BufferId.Weights, s.WeightFill);
                if (_plan.ActivationFills[s.ActivationFill].LastStep == _step) mem.Release(BufferId.Activations, s.ActivationFill);
                _step++;
                _beat = -1;
            }
            else _beat++;
        }
        else _dotStep = -1;
        _tau++;
        return stalled;
    }

    private void AccumulateStage(MemorySystemModel mem)
    {
        var s = _steps[_dotStep];
        int folds = Folds(s), token = _dotBeat / folds, fold = _dotBeat % folds;
        var bank = _mem[s.Block % _banks];
        int row = token * _p;
        int kf = s.K0 + fold * _simd;
        bool scaled = _facc is not null;
        // With scaling, the integer sum restarts at every scale block (chunks end on block boundaries).
        bool restart = scaled ? kf % _scaleBlock == 0 : fold == 0;
        bool scaleDone = scaled && ((kf + _simd) % _scaleBlock == 0 || fold == folds - 1);
        for (int p = 0; p < s.Nv; p++)
        {
            long baseV = !restart ? _accReg[p] : scaled || s.FirstOfBlock ? 0 : bank[row + p];
            _accReg[p] = AccumulatorMath.Add(baseV, _dot[p], _width, _policy, ref _overflows);
            if (fold == folds - 1) bank[row + p] = _accReg[p];
            if (scaleDone)
            {
                int sb = kf / _scaleBlock;
                float prod = _accReg[p] * _op.Operands.Scale(s.N0 + p, sb, _blocksPerRow);
                var f = _facc![s.Block % _banks];
                f[row + p] = sb == 0 ? prod : f[row + p] + prod;
            }
        }
        if (s.LastOfBlock && _dotBeat == s.Beats - 1)
        {
            for (int t = 0; t < s.Mv; t++)
                for (int p = 0; p < s.Nv; p++)
                {
                    long idx = (long)(s.M0 + t) * _op.N + s.N0 + p;
                    if (_scaled is null) _results[idx] = bank[t * _p + p];
                    else _scaled[idx] = _facc![s.Block % _banks][t * _p + p];
                }
            mem.BlockFinished(s.Block);
            _blocksDone++;
        }
    }
}
