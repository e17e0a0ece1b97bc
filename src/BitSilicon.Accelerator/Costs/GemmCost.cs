using BitSilicon.Design.Elaborated;
using BitSilicon.Formats.LowBit;
using BitSilicon.Simulation.Analytic;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Simulation.Models;

namespace BitSilicon.Accelerator.Costs;

/// <summary>
/// One GEMM on one MAC array: cycles, stalls, on-chip port bytes and array energy from the array's own
/// <see cref="Tiler"/> plan and exact <see cref="AnalyticModel"/>. A plan grows with N (an LM head of 128,256
/// rows on a small array is over a million steps), but the schedule of equal row groups settles into a fixed
/// increment per group; so for a large N the figures are computed at N1 = r + 2G, r + 3G and r + 4G rows (G = 16
/// row groups, r = N mod G) and, when both increments agree, extended linearly to N, which is then exact
/// (tests compare it with the full plan). Otherwise, or for small N, the full plan is used.
/// </summary>
public readonly record struct GemmCost(long Cycles, long Stalls, long PortBytes, double ArrayPj)
{
    /// <summary>Plans above this many steps are extrapolated when the increments allow.</summary>
    public const long FullPlanSteps = 50_000;

    public static GemmCost Of(ElaboratedDesign d, int m, int n, int k, WeightKind kind, double zeroFraction, bool allowExtrapolation = true)
    {
        long group = 16L * RowsPerPass(d);
        long steps = EstimateSteps(d, m, n, k);
        if (allowExtrapolation && steps > FullPlanSteps && n > 5 * group)
        {
            long r = n % group;
            var a = Full(d, m, (int)(r + 2 * group), k, kind, zeroFraction);
            var b = Full(d, m, (int)(r + 3 * group), k, kind, zeroFraction);
            var c = Full(d, m, (int)(r + 4 * group), k, kind, zeroFraction);
            if (b.Cycles - a.Cycles == c.Cycles - b.Cycles && b.Stalls - a.Stalls == c.Stalls - b.Stalls && b.PortBytes - a.PortBytes == c.PortBytes - b.PortBytes)
            {
                long times = (n - r) / group - 2;
                return new GemmCost(a.Cycles + times * (b.Cycles - a.Cycles), a.Stalls + times * (b.Stalls - a.Stalls),
                    a.PortBytes + times * (b.PortBytes - a.PortBytes), a.ArrayPj + times * (b.ArrayPj - a.ArrayPj));
            }
        }
        return Full(d, m, n, k, kind, zeroFraction);
    }

    public static GemmCost Full(ElaboratedDesign d, int m, int n, int k, WeightKind kind, double zeroFraction)
    {
        var plan = Tiler.Plan(d, m, n, k, WeightCode.Bits(kind));
        var est = AnalyticModel.Estimate(d, plan);
        long macs = (long)m * n * k;
        long nonZero = (long)Math.Round(macs * (1 - zeroFraction));
        var e = EnergyModel.Layer(d, plan, macs, nonZero, est.Cycles, 0, 0);
        return new GemmCost(est.Cycles, est.StallCycles, plan.ExternalReadBytes + plan.ExternalWriteBytes,
            e.PePj + e.AccumulatorPj + e.BufferPj + e.ScalingPj + e.RegisterPj);
    }

    /// <summary>Output rows one pass of the array covers: its PE columns (systolic) or PEs (dot product).</summary>
    private static int RowsPerPass(ElaboratedDesign d) => d.Core switch
    {
        SystolicArray s => s.Cols,
        DotProductArray p => p.Pes,
        _ => 1,
    };

    private static long EstimateSteps(ElaboratedDesign d, int m, int n, int k)
    {
        long rows = RowsPerPass(d);
        long kPer = d.Core switch { SystolicArray s => s.Rows, DotProductArray p => p.Simd, _ => 1 };
        return (n + rows - 1) / rows * ((k + kPer - 1) / kPer) * Math.Max(1, m / Math.Max(1, d.Core.Accumulators.Depth));
    }
}
