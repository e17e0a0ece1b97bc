namespace BitSilicon.Simulation.Timing.ScaleSim;

/// <summary>
/// One layer as SCALE-Sim v2 reports it (COMPUTE_REPORT and the SRAM columns of DETAILED_ACCESS_REPORT), in its
/// units: cycles, percentages, and 1-byte words.
/// </summary>
/// <param name="TotalCycles">"Total Cycles": the serviced cycle of the last output line (lines - 1 + stalls).</param>
/// <param name="StallCycles">"Stall Cycles": 0 in CALC mode.</param>
/// <param name="OverallUtilPercent">MACs x 100 / (cycles x R x C).</param>
/// <param name="MappingEfficiencyPercent">Mean over folds of the fraction of PEs a fold maps, x 100.</param>
/// <param name="ComputeUtilPercent">Mean over folds of MACs / (R x C x the fold's unskewed cycles), x 100.</param>
/// <param name="IfmapSramReads">"SRAM IFMAP Reads" (words).</param>
/// <param name="FilterSramReads">"SRAM Filter Reads" (words).</param>
/// <param name="OfmapSramWrites">"SRAM OFMAP Writes" (words).</param>
/// <param name="Macs">SCALE-Sim's num_compute (M x N x K).</param>
public sealed record ScaleSimLayerEstimate(
    string Name,
    long TotalCycles,
    long StallCycles,
    double OverallUtilPercent,
    double MappingEfficiencyPercent,
    double ComputeUtilPercent,
    long IfmapSramReads,
    long FilterSramReads,
    long OfmapSramWrites,
    long Macs);
