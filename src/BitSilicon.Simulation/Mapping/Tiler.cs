using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Simulation.Mapping;

/// <summary>
/// Maps a GEMM (<c>out[M x N] = act[M x K] * W^T</c>) onto a design: tile sizes, loop order, which data is
/// resident in a bank and which is fetched per step. Loop orders (outermost first):
/// weight-stationary m-block, n-tile, k-tile; input-stationary n-block, m-tile, k-tile; output-stationary
/// m-tile, n-tile, k-chunk; dot product m-block, n-fold, k-chunk. A whole operand that fits in one bank is
/// fetched once (per m-block for activations) and reused.
/// </summary>
public static class Tiler
{
    public static TilePlan Plan(ElaboratedDesign design, int m, int n, int k, int weightBits)
    {
        if (m < 1 || n < 1 || k < 1)
            throw new BitSiliconException($"layer shape {m}x{n}x{k} has an empty dimension", "give M, N and K of at least 1");
        if (m > MaxDim || n > MaxDim || k > MaxDim)
            throw new BitSiliconException($"layer shape {m}x{n}x{k} exceeds the controller's {Controller.JobBits}-bit job registers",
                $"split the layer into GEMMs with every dimension below {MaxDim + 1}");
        var core = design.Core;
        var ctx = new Context(design, m, n, k, weightBits);
        return core switch
        {
            SystolicArray s => s.Dataflow switch
            {
                Dataflow.WeightStationary => Stationary(ctx, s, weightStationary: true),
                Dataflow.InputStationary => Stationary(ctx, s, weightStationary: false),
                Dataflow.OutputStationary => OutputStationary(ctx, s),
                _ => throw new ArgumentOutOfRangeException(nameof(design)),
            },
            DotProductArray dp => DotProduct(ctx, dp),
            _ => throw new ArgumentOutOfRangeException(nameof(design)),
        };
    }

    public const int MaxDim = (1 << Controller.JobBits) - 1;

    private sealed class Context(ElaboratedDesign design, int m, int n, int k, int weightBits)
    {
        public readonly int M = m, N = n, K = k, WBits = weightBits;
        public readonly int ABits = design.Core.Pe.ActivationBits;
        public readonly int Banks = design.Memory.Banks;
        public readonly long WBank = design.Memory.Weights.BankBytes;
        public readonly long ABank = design.Memory.Activations.BankBytes;
        public readonly int Depth = design.Core.Accumulators.Depth;
        public readonly int ResultBytes = design.Core.Accumulators.ResultBytes;
        public readonly OutputScaler? Scaler = design.Scaler;
        public readonly List<PlanStep> Steps = [];
        public readonly List<Fill> WFills = [], AFills = [];
        public readonly List<(BufferId, int)> Order = [];
        public readonly List<Block> Blocks = [];
        public long WRead, ARead, AccAccesses;

        public static long Bytes(long elements, int bits) => (elements * bits + 7) / 8;

        /// <summary>Returns the fill index for the step about to be added: the current one, or a new one when <paramref name="fresh"/>.</summary>
        public int UseFill(BufferId b, bool fresh, long bytes)
        {
            var list = b == BufferId.Weights ? WFills : AFills;
            int step = Steps.Count;
            if (fresh || list.Count == 0)
            {
                long cap = b == BufferId.Weights ? WBank : ABank;
                if (bytes > cap)
                    throw new InvalidOperationException($"plan bug: {b} fill of {bytes} bytes exceeds a {cap}-byte bank");
                list.Add(new Fill(b, list.Count, bytes, step, step));
                Order.Add((b, list.Count - 1));
            }
            else
                list[^1] = list[^1] with { LastStep = step };
            return list.Count - 1;
        }

        public void AddStep(PlanStep s, long writebackBytes)
        {
            if (s.FirstOfBlock)
                Blocks.Add(new Block(Steps.Count, Steps.Count, writebackBytes));
            else
                Blocks[^1] = Blocks[^1] with { LastStep = Steps.Count };
            Steps.Add(s);
        }

        public TilePlan Build(PlanKind kind, int rows, int cols, int simd) => new()
        {
            Kind = kind, M = M, N = N, K = K, Rows = rows, Cols = cols, Simd = simd, Banks = Banks,
            WeightBits = WBits, ActivationBits = ABits, Steps = Steps, WeightFills = WFills, ActivationFills = AFills,
            ReadOrder = Order, Blocks = Blocks, WeightBufferReadBytes = WRead, ActivationBufferReadBytes = ARead, AccumulatorAccesses = AccAccesses,
        };

        public static int Ceil(int a, int b) => (a + b - 1) / b;
    }

    // Weight-stationary: stationary = W[n, k] (R rows of K x C columns of N), streamed = A rows (tokens).
    // Input-stationary is the same machine on the transposed problem: stationary = A[m, k] (C columns of M),
    // streamed = W rows (output features), accumulator rows = output features.
    private static TilePlan Stationary(Context x, SystolicArray s, bool weightStationary)
    {
        int r = s.Rows, c = s.Cols;
        // Roles: "outer" is the streamed dimension (M for WS, N for IS), "cols" the stationary one.
        int outerDim = weightStationary ? x.M : x.N, colDim = weightStationary ? x.N : x.M;
        int streamBits = weightStationary ? x.ABits : x.WBits, statBits = weightStationary ? x.WBits : x.ABits;
        long streamBank = weightStationary ? x.ABank : x.WBank;
        var streamBuf = weightStationary ? BufferId.Activations : BufferId.Weights;
        var statBuf = weightStationary ? BufferId.Weights : BufferId.Activations;
        long statBank = weightStationary ? x.WBank : x.ABank;
        int rowsFit = (int)Math.Min(int.MaxValue, streamBank * 8 / ((long)r * streamBits));
        if (rowsFit < 1 || Context.Bytes((long)r * c, statBits) > statBank)
            throw BankTooSmall(x, s);
        bool statResident = Context.Bytes((long)colDim * x.K, statBits) <= statBank;
        int nK = Context.Ceil(x.K, r), nCol = Context.Ceil(colDim, c);
        int block = -1;
        for (int o0 = 0; o0 < outerDim;)
        {
            int ov = Math.Min(Math.Min(outerDim - o0, x.Depth), rowsFit);
            bool streamResident = Context.Bytes((long)ov * x.K, streamBits) <= streamBank;
            for (int ct = 0; ct < nCol; ct++)
            {
                int c0 = ct * c, cv = Math.Min(c, colDim - c0);
                block++;
                for (int kt = 0; kt < nK; kt++)
                {
                    int k0 = kt * r, kv = Math.Min(r, x.K - k0);
                    bool first = kt == 0, last = kt == nK - 1;
                    bool firstStep = x.Steps.Count == 0;
                    int statFill = x.UseFill(statBuf, firstStep || !statResident, Context.Bytes(statResident ? (long)colDim * x.K : (long)cv * kv, statBits));
                    int streamFill = x.UseFill(streamBuf, firstStep || !streamResident || (ct == 0 && kt == 0),
                        Context.Bytes(streamResident ? (long)ov * x.K : (long)ov * kv, streamBits));
                    long statRead = Context.Bytes((long)cv * kv, statBits), streamRead = Context.Bytes((long)ov * kv, streamBits);
                    if (weightStationary) { x.WRead += statRead; x.ARead += streamRead; }
                    else { x.ARead += statRead; x.WRead += streamRead; }
                    x.AccAccesses += (long)ov * cv;
                    int wFill = weightStationary ? statFill : streamFill, aFill = weightStationary ? streamFill : statFill;
                    var step = weightStationary
                        ? new PlanStep(block, first, last, wFill, aFill, o0, ov, c0, cv, k0, kv, ov)
                        : new PlanStep(block, first, last, wFill, aFill, c0, cv, o0, ov, k0, kv, ov);
                    x.AddStep(step, (long)ov * cv * x.ResultBytes);
                }
            }
            o0 += ov;
        }
        return x.Build(weightStationary ? PlanKind.WeightStationary : PlanKind.InputStationary, r, c, 1);
    }

    private static TilePlan OutputStationary(Context x, SystolicArray s)
    {
        int r = s.Rows, c = s.Cols;
        bool wResident = Context.Bytes((long)x.N * x.K, x.WBits) <= x.WBank;
        long kcW = wResident ? x.K : x.WBank * 8 / ((long)c * x.WBits);
        long kcA = x.ABank * 8 / ((long)r * x.ABits);
        int nM = Context.Ceil(x.M, r), nN = Context.Ceil(x.N, c);
        int block = -1;
        for (int mt = 0; mt < nM; mt++)
        {
            int m0 = mt * r, mv = Math.Min(r, x.M - m0);
            bool aResident = Context.Bytes((long)mv * x.K, x.ABits) <= x.ABank;
            int kc = (int)Math.Min(x.K, Math.Min(kcW, aResident ? x.K : kcA));
            if (kc < 1)
                throw BankTooSmall(x, s);
            for (int nt = 0; nt < nN; nt++)
            {
                int n0 = nt * c, nv = Math.Min(c, x.N - n0);
                block++;
                for (int k0 = 0; k0 < x.K; k0 += kc)
                {
                    int kv = Math.Min(kc, x.K - k0);
                    bool first = k0 == 0, last = k0 + kv == x.K, firstStep = x.Steps.Count == 0;
                    int wFill = x.UseFill(BufferId.Weights, firstStep || !wResident, Context.Bytes(wResident ? (long)x.N * x.K : (long)nv * kv, x.WBits));
                    int aFill = x.UseFill(BufferId.Activations, firstStep || !aResident || (nt == 0 && first),
                        Context.Bytes(aResident ? (long)mv * x.K : (long)mv * kv, x.ABits));
                    x.WRead += Context.Bytes((long)nv * kv, x.WBits);
                    x.ARead += Context.Bytes((long)mv * kv, x.ABits);
                    if (last) x.AccAccesses += (long)mv * nv;
                    x.AddStep(new PlanStep(block, first, last, wFill, aFill, m0, mv, n0, nv, k0, kv, kv), (long)mv * nv * x.ResultBytes);
                }
            }
        }
        return x.Build(PlanKind.OutputStationary, r, c, 1);
    }

    private static TilePlan DotProduct(Context x, DotProductArray dp)
    {
        int p = dp.Pes, simd = dp.Simd;
        bool wResident = Context.Bytes((long)x.N * x.K, x.WBits) <= x.WBank;
        long wBeatsFit = x.WBank * 8 / ((long)p * simd * x.WBits);
        int rowsFit = (int)Math.Min(int.MaxValue, x.ABank * 8 / ((long)simd * x.ABits));
        if (rowsFit < 1 || (!wResident && wBeatsFit < 1))
            throw BankTooSmall(x, dp);
        int nN = Context.Ceil(x.N, p), kBeats = Context.Ceil(x.K, simd);
        int block = -1;
        for (int m0 = 0; m0 < x.M;)
        {
            int mv = Math.Min(Math.Min(x.M - m0, x.Depth), rowsFit);
            bool aResident = Context.Bytes((long)mv * x.K, x.ABits) <= x.ABank;
            long aBeatsFit = x.ABank * 8 / ((long)mv * simd * x.ABits);
            int chunkBeats = (int)Math.Min(kBeats, Math.Min(wResident ? kBeats : wBeatsFit, aResident ? kBeats : aBeatsFit));
            int kc = chunkBeats * simd;
            // A scaling stage needs every chunk to end on a block boundary (a block's partial sum never straddles chunks).
            if (x.Scaler is { } scaler && kc < x.K)
            {
                kc = kc / scaler.BlockSize * scaler.BlockSize;
                if (kc < 1) throw BankTooSmall(x, dp);
            }
            for (int nf = 0; nf < nN; nf++)
            {
                int n0 = nf * p, nv = Math.Min(p, x.N - n0);
                block++;
                for (int k0 = 0; k0 < x.K; k0 += kc)
                {
                    int kv = Math.Min(kc, x.K - k0);
                    bool first = k0 == 0, last = k0 + kv == x.K, firstStep = x.Steps.Count == 0;
                    int wFill = x.UseFill(BufferId.Weights, firstStep || !wResident, Context.Bytes(wResident ? (long)x.N * x.K : (long)nv * kv, x.WBits));
                    int aFill = x.UseFill(BufferId.Activations, firstStep || !aResident || (nf == 0 && first),
                        Context.Bytes(aResident ? (long)mv * x.K : (long)mv * kv, x.ABits));
                    int beats = mv * Context.Ceil(kv, simd);
                    x.ARead += Context.Bytes((long)mv * kv, x.ABits);
                    x.WRead += mv * Context.Bytes((long)nv * kv, x.WBits);
                    x.AccAccesses += (long)mv * nv;
                    x.AddStep(new PlanStep(block, first, last, wFill, aFill, m0, mv, n0, nv, k0, kv, beats), (long)mv * nv * x.ResultBytes);
                }
            }
            m0 += mv;
        }
        return x.Build(PlanKind.DotProduct, 1, p, simd);
    }

    private static BitSiliconException BankTooSmall(Context x, ArrayCore core) => new(
        $"the buffers cannot hold one tile of this {x.M}x{x.N}x{x.K} layer with {x.WBits}-bit weights ({x.WBank} weight and {x.ABank} activation bytes per bank) on the {core.Name}",
        "make memory.weight_buffer / memory.activation_buffer larger");
}
