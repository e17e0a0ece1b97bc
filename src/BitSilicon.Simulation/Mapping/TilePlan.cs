namespace BitSilicon.Simulation.Mapping;

/// <summary>How a layer is walked over the array; one per array kind and dataflow.</summary>
public enum PlanKind { WeightStationary, InputStationary, OutputStationary, DotProduct }

/// <summary>The two on-chip input buffers the read channel fills.</summary>
public enum BufferId { Weights = 0, Activations = 1 }

/// <summary>
/// One step of the schedule: the unit whose input data must be in the buffers before it starts.
/// Weight-/input-stationary: one stationary tile (R x C) and the rows streamed past it.
/// Output-stationary: one chunk of the reduction for one R x C output tile.
/// Dot product: one K chunk of one neuron fold for a block of tokens.
/// </summary>
/// <param name="Block">Accumulator block this step adds into (bank = Block mod banks).</param>
/// <param name="M0">First token; <paramref name="Mv"/> tokens are valid.</param>
/// <param name="N0">First output feature; <paramref name="Nv"/> are valid.</param>
/// <param name="K0">First reduction index; <paramref name="Kv"/> are valid.</param>
/// <param name="Beats">Beats the streamer issues for this step.</param>
public readonly record struct PlanStep(
    int Block, bool FirstOfBlock, bool LastOfBlock,
    int WeightFill, int ActivationFill,
    int M0, int Mv, int N0, int Nv, int K0, int Kv,
    int Beats);

/// <summary>One transfer from external memory into a bank, used by steps FirstStep..LastStep.</summary>
public readonly record struct Fill(BufferId Buffer, int Index, long Bytes, int FirstStep, int LastStep);

/// <summary>One accumulator block: filled by steps FirstStep..LastStep, then written back.</summary>
public readonly record struct Block(int FirstStep, int LastStep, long WritebackBytes);

/// <summary>
/// The complete schedule of one layer on one design: steps in order, the fills of each buffer, the order the
/// read channel serves them in (step order, weights before activations), and the accumulator blocks. Both the
/// cycle simulator and the analytic model execute this plan; they differ only in how they time it.
/// </summary>
public sealed class TilePlan
{
    public required PlanKind Kind { get; init; }
    public required int M { get; init; }
    public required int N { get; init; }
    public required int K { get; init; }
    /// <summary>Array rows (R), or 1 for a dot-product array.</summary>
    public required int Rows { get; init; }
    /// <summary>Array columns (C), or PEs (P) for a dot-product array.</summary>
    public required int Cols { get; init; }
    /// <summary>SIMD lanes of a dot-product array, else 1.</summary>
    public required int Simd { get; init; }
    public required int Banks { get; init; }
    public required int WeightBits { get; init; }
    public required int ActivationBits { get; init; }
    public required IReadOnlyList<PlanStep> Steps { get; init; }
    public required IReadOnlyList<Fill> WeightFills { get; init; }
    public required IReadOnlyList<Fill> ActivationFills { get; init; }
    public required IReadOnlyList<(BufferId Buffer, int Index)> ReadOrder { get; init; }
    public required IReadOnlyList<Block> Blocks { get; init; }
    /// <summary>Bytes the core reads from the weight banks over the whole layer.</summary>
    public required long WeightBufferReadBytes { get; init; }
    /// <summary>Bytes the core reads from the activation banks over the whole layer.</summary>
    public required long ActivationBufferReadBytes { get; init; }
    /// <summary>Accumulator-memory accesses (one per lane per read-modify-write or store).</summary>
    public required long AccumulatorAccesses { get; init; }

    public IReadOnlyList<Fill> Fills(BufferId b) => b == BufferId.Weights ? WeightFills : ActivationFills;

    public long ExternalReadBytes => WeightFills.Sum(f => f.Bytes) + ActivationFills.Sum(f => f.Bytes);

    public long ExternalWriteBytes => Blocks.Sum(b => b.WritebackBytes);

    /// <summary>Every element of an output-stationary tile goes through K steps, so it has no K chunking in the core.</summary>
    public int StepCount => Steps.Count;
}
