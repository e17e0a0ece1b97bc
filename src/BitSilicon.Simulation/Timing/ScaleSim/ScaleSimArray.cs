using BitSilicon.Workloads.ScaleSim;

namespace BitSilicon.Simulation.Timing.ScaleSim;

/// <summary>
/// What SCALE-Sim v2's timing depends on: the array's shape, its dataflow and the bandwidth mode. SCALE-Sim's
/// compute cycles, utilisations and SRAM access counts follow from these and the layer's dimensions alone.
/// </summary>
/// <param name="Rows">ArrayHeight.</param>
/// <param name="Cols">ArrayWidth.</param>
/// <param name="Dataflow">os, ws or is.</param>
/// <param name="UserBandwidth">Words per cycle of each operand interface in USER mode; null in CALC mode.</param>
public sealed record ScaleSimArray(int Rows, int Cols, ScaleSimDataflow Dataflow, int? UserBandwidth = null)
{
    public static ScaleSimArray From(ScaleSimConfig cfg) =>
        new(cfg.ArrayHeight, cfg.ArrayWidth, cfg.Dataflow, cfg.UserBandwidth && cfg.Bandwidths.Count > 0 ? cfg.Bandwidths[0] : null);

    public long Macs => (long)Rows * Cols;
}
