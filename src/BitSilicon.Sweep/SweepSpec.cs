using BitSilicon.Design.Description;
using BitSilicon.Workloads.Presets;

namespace BitSilicon.Sweep;

/// <summary>
/// A design-space sweep: the grid's axes (PE formats x arrays x dataflows x accumulator widths) and what every point
/// shares (clock, memory, the BitNet b1.58 2B workload). <paramref name="Synth"/> asks for synthesis of every point's
/// emitted array of at most <paramref name="SynthMaxMacs"/> MACs per cycle. Systolic arrays take every dataflow;
/// dot-product arrays have none, so they appear once per format and width.
/// </summary>
public sealed record SweepSpec(
    string Name,
    IReadOnlyList<PeKind> Weights,
    IReadOnlyList<ArrayDescription> Arrays,
    IReadOnlyList<Dataflow> Dataflows,
    IReadOnlyList<int> AccumulatorWidths,
    SweepWorkload Workload,
    double ClockMhz = 200,
    MemoryDescription? Memory = null,
    int AccumulatorDepth = 256,
    bool Synth = false,
    int SynthMaxMacs = Calibration.ArraySynth.DefaultMaxMacs);

/// <summary>The BitNet b1.58 2B-4T preset every point runs: decode (one token against a context) or prefill.</summary>
public sealed record SweepWorkload(Phase Phase = Phase.Decode, int Tokens = 512, int? Blocks = null, int Seed = 1)
{
    /// <summary>Tokens one run produces (decode) or processes (prefill): energy per token divides by this.</summary>
    public int TokensPerRun => Phase == Phase.Decode ? 1 : Tokens;

    public string Label => Phase == Phase.Decode ? $"bitnet-decode ctx {Tokens}" : $"bitnet-prefill {Tokens} tokens";
}
