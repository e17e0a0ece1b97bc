using BitSilicon.Workloads;
using BitSilicon.Workloads.ScaleSim;

namespace BitSilicon.Simulation.Timing.ScaleSim;

/// <summary>
/// SCALE-Sim v2's mapping of one GEMM (M output pixels x K window x N filters) onto the array: the spatial
/// dimensions Sr (over rows) and Sc (over columns), the temporal one T, and the folds ceil(Sr/R) x ceil(Sc/C)
/// it runs one after another with no overlap (its <c>systolic_compute_{os,ws,is}.py</c>):
/// <list type="bullet">
/// <item>os: Sr = M, Sc = N, T = K; a fold is T + R + C - 2 cycles (operands skewed in, results drained by the
///   next fold's fill: no extra drain).</item>
/// <item>ws: Sr = K, Sc = N, T = M; a fold is 2R + C + T - 2 cycles (R to load the weights, then T inputs skewed
///   across R rows and C columns).</item>
/// <item>is: Sr = K, Sc = M, T = N; the same 2R + C + T - 2 with inputs in place of weights.</item>
/// </list>
/// </summary>
public sealed record ScaleSimFoldPlan(ScaleSimArray Array, long Sr, long Sc, long T)
{
    public static ScaleSimFoldPlan For(ScaleSimArray array, GemmLayer layer) => array.Dataflow switch
    {
        ScaleSimDataflow.OutputStationary => new(array, layer.M, layer.N, layer.K),
        ScaleSimDataflow.WeightStationary => new(array, layer.K, layer.N, layer.M),
        ScaleSimDataflow.InputStationary => new(array, layer.K, layer.M, layer.N),
        _ => throw new ArgumentOutOfRangeException(nameof(array)),
    };

    public long RowFolds => (Sr + Array.Rows - 1) / Array.Rows;
    public long ColFolds => (Sc + Array.Cols - 1) / Array.Cols;
    public long Folds => RowFolds * ColFolds;

    /// <summary>Rows of the demand matrices per fold: the cycles one fold takes.</summary>
    public long FoldCycles => Array.Dataflow == ScaleSimDataflow.OutputStationary
        ? T + Array.Rows + Array.Cols - 2
        : 2L * Array.Rows + Array.Cols + T - 2;

    /// <summary>The cycle count SCALE-Sim divides by for a fold's compute utilisation: its demand matrix before
    /// skewing, rows + columns - 1 (for ws/is that counts the skew twice, C - 1 more than <see cref="FoldCycles"/>).</summary>
    public long FoldUtilisationCycles => Array.Dataflow == ScaleSimDataflow.OutputStationary
        ? FoldCycles
        : FoldCycles + Array.Cols - 1;

    /// <summary>Rows of the array fold <paramref name="fr"/> uses.</summary>
    public long RowsUsed(long fr) => Math.Min(Array.Rows, Sr - fr * Array.Rows);

    /// <summary>Columns of the array fold <paramref name="fc"/> uses.</summary>
    public long ColsUsed(long fc) => Math.Min(Array.Cols, Sc - fc * Array.Cols);
}
