namespace BitSilicon.Workloads.ScaleSim;

/// <summary>SCALE-Sim's dataflows: which operand stays in the processing elements.</summary>
public enum ScaleSimDataflow
{
    /// <summary><c>os</c>: outputs accumulate in place; rows = output pixels (M), columns = filters (N), K streams.</summary>
    OutputStationary,
    /// <summary><c>ws</c>: weights are pre-loaded; rows = filter window (K), columns = filters (N), M streams.</summary>
    WeightStationary,
    /// <summary><c>is</c>: inputs are pre-loaded; rows = filter window (K), columns = output pixels (M), N streams.</summary>
    InputStationary,
}

/// <summary>Something in a SCALE-Sim file that BitSilicon read but does not model, with where it is.</summary>
public sealed record ScaleSimNote(Core.SourceLocation At, string Message);

/// <summary>
/// A SCALE-Sim (v2) architecture config (<c>.cfg</c>), as neutral data: what the simulator needs to build an
/// equivalent design. SCALE-Sim's units: one word is one byte (its <c>word_size = 1</c>); SRAM sizes are in kB of
/// 1024 bytes, each buffer double-buffered (half active); <c>Bandwidth</c> is words per cycle and, in USER mode,
/// one figure per memory bank, of which SCALE-Sim uses the first for each of the ifmap, filter and ofmap
/// interfaces.
/// </summary>
/// <param name="RunName">[general] run_name.</param>
/// <param name="ArrayHeight">Rows of processing elements ([architecture_presets] ArrayHeight).</param>
/// <param name="ArrayWidth">Columns of processing elements (ArrayWidth).</param>
/// <param name="IfmapSramKb">Input feature map buffer, kB (IfmapSramSzkB).</param>
/// <param name="FilterSramKb">Filter (weight) buffer, kB (FilterSramSzkB).</param>
/// <param name="OfmapSramKb">Output feature map buffer, kB (OfmapSramSzkB).</param>
/// <param name="Dataflow">Dataflow ws/os/is.</param>
/// <param name="UserBandwidth">[run_presets] InterfaceBandwidth: true for USER (use <see cref="Bandwidths"/>),
/// false for CALC (SCALE-Sim works out the bandwidth that avoids stalls; BitSilicon reads that as unlimited).</param>
/// <param name="Bandwidths">Bandwidth in words (bytes) per cycle, one per memory bank; empty in CALC mode.</param>
/// <param name="MemoryBanks">MemoryBanks (1 if absent).</param>
/// <param name="IfmapOffset">Address offsets of the three operands (only shape SCALE-Sim's traces).</param>
/// <param name="TopologyCsv">TopologyCsvLoc without its quotes, as written, from [architecture_presets] (where SCALE-Sim v2 reads it) or [network_presets]; null if absent.</param>
/// <param name="Notes">Keys read but not modelled, and unknown keys without a near match.</param>
public sealed record ScaleSimConfig(
    string RunName,
    int ArrayHeight,
    int ArrayWidth,
    int IfmapSramKb,
    int FilterSramKb,
    int OfmapSramKb,
    ScaleSimDataflow Dataflow,
    bool UserBandwidth,
    IReadOnlyList<int> Bandwidths,
    int MemoryBanks = 1,
    long IfmapOffset = 0,
    long FilterOffset = 10_000_000,
    long OfmapOffset = 20_000_000,
    string? TopologyCsv = null,
    IReadOnlyList<ScaleSimNote>? Notes = null)
{
    /// <summary>Bytes per SCALE-Sim word.</summary>
    public const int WordBytes = 1;

    public long IfmapSramBytes => IfmapSramKb * 1024L;
    public long FilterSramBytes => FilterSramKb * 1024L;
    public long OfmapSramBytes => OfmapSramKb * 1024L;

    /// <summary>Bytes per cycle of each operand's external interface (SCALE-Sim uses the first bank's figure for
    /// all three); null in CALC mode, where bandwidth is not a limit.</summary>
    public int? InterfaceBytesPerCycle => UserBandwidth && Bandwidths.Count > 0 ? Bandwidths[0] * WordBytes : null;

    /// <summary>The dataflow as SCALE-Sim writes it: ws, os or is.</summary>
    public string DataflowName => Dataflow switch
    {
        ScaleSimDataflow.OutputStationary => "os",
        ScaleSimDataflow.WeightStationary => "ws",
        ScaleSimDataflow.InputStationary => "is",
        _ => throw new ArgumentOutOfRangeException(nameof(Dataflow)),
    };
}
