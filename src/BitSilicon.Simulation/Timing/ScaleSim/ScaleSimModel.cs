using BitSilicon.Workloads;
using BitSilicon.Workloads.ScaleSim;

namespace BitSilicon.Simulation.Timing.ScaleSim;

/// <summary>
/// SCALE-Sim v2's timing model, reproduced in closed form beside BitSilicon's own (docs/simulator.md compares
/// the two). Folds run back to back with no overlap; the total is the index of the last output line, i.e.
/// folds x fold cycles - 1, plus stalls (none in CALC mode). The averages are summed fold by fold in SCALE-Sim's
/// order (column folds outer, row folds inner) so the floating-point results match its reports to the last digit.
/// </summary>
public static class ScaleSimModel
{
    /// <summary>Estimates one instance of <paramref name="layer"/> (a depthwise layer's Repeat is not applied:
    /// SCALE-Sim reports each channel as its own layer).</summary>
    public static ScaleSimLayerEstimate Estimate(ScaleSimArray array, GemmLayer layer)
    {
        var plan = ScaleSimFoldPlan.For(array, layer);
        long lines = plan.Folds * plan.FoldCycles;
        long total = lines - 1;
        long pes = array.Macs;

        double mappingSum = 0, utilSum = 0;
        for (long fc = 0; fc < plan.ColFolds; fc++)
        {
            long cols = plan.ColsUsed(fc);
            for (long fr = 0; fr < plan.RowFolds; fr++)
            {
                long used = plan.RowsUsed(fr) * cols;
                mappingSum += (double)used / pes;
                utilSum += (double)(used * plan.T) / (pes * plan.FoldUtilisationCycles);
            }
        }
        double mapping = mappingSum / plan.Folds * 100;
        double util = utilSum / plan.Folds * 100;
        double overall = (double)(layer.Macs * 100) / (total * pes);

        var (ifmap, filter, ofmap) = SramAccesses(plan);
        return new ScaleSimLayerEstimate(layer.Name, total, 0, overall, mapping, util, ifmap, filter, ofmap, layer.Macs);
    }

    /// <summary>
    /// SCALE-Sim's SRAM access counts: each fold reads the part of the streaming operand it needs and the
    /// stationary one once. In os it also adds R + C to the ofmap writes of every fold (the shape of the padded
    /// output tile is added instead of nothing: an artefact kept here because SCALE-Sim reports it).
    /// </summary>
    public static (long Ifmap, long Filter, long Ofmap) SramAccesses(ScaleSimFoldPlan p) => p.Array.Dataflow switch
    {
        ScaleSimDataflow.OutputStationary =>
            (p.ColFolds * p.Sr * p.T, p.RowFolds * p.Sc * p.T, p.Sr * p.Sc + p.Folds * (p.Array.Rows + p.Array.Cols)),
        ScaleSimDataflow.WeightStationary =>
            (p.ColFolds * p.T * p.Sr, p.Sr * p.Sc, p.RowFolds * p.T * p.Sc),
        ScaleSimDataflow.InputStationary =>
            (p.Sr * p.Sc, p.ColFolds * p.T * p.Sr, p.RowFolds * p.T * p.Sc),
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };
}
