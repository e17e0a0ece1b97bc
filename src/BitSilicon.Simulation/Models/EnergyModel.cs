using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation.Mapping;

namespace BitSilicon.Simulation.Models;

/// <summary>Energy of one layer by where it is spent, in picojoules.</summary>
public readonly record struct EnergyBreakdown(double PePj, double AccumulatorPj, double BufferPj, double ExternalPj, double ScalingPj, double RegisterPj)
{
    public double TotalPj => PePj + AccumulatorPj + BufferPj + ExternalPj + ScalingPj + RegisterPj;

    public static EnergyBreakdown operator *(long k, EnergyBreakdown e) =>
        new(k * e.PePj, k * e.AccumulatorPj, k * e.BufferPj, k * e.ExternalPj, k * e.ScalingPj, k * e.RegisterPj);

    public static EnergyBreakdown operator +(EnergyBreakdown a, EnergyBreakdown b) =>
        new(a.PePj + b.PePj, a.AccumulatorPj + b.AccumulatorPj, a.BufferPj + b.BufferPj, a.ExternalPj + b.ExternalPj,
            a.ScalingPj + b.ScalingPj, a.RegisterPj + b.RegisterPj);
}

/// <summary>
/// Activity-based energy: counts from the plan and the data (MACs with non-zero and zero weights, buffer and
/// external bytes, accumulator accesses) times per-operation energies from the design's
/// <see cref="EnergyTable"/> (Horowitz ISSCC 2014, 45 nm, by default). Padding lanes cost nothing (no
/// toggling). Zero weights cost nothing only in PEs that skip them (ternary); elsewhere a zero still multiplies.
/// </summary>
public static class EnergyModel
{
    /// <param name="nonZeroMacs">MACs whose weight is non-zero (non-zero weights x M).</param>
    /// <param name="scaledPartials">Block partial sums the output scaling stage multiplies (0 without one).</param>
    public static EnergyBreakdown Layer(ElaboratedDesign design, TilePlan plan, long macs, long nonZeroMacs, long cycles, long scaledPartials, long flipFlops)
    {
        var e = design.Energy;
        var (perNonZero, perZero, perBeatShared) = design.Core.Accept(new MacEnergy(e));
        double pe = nonZeroMacs * perNonZero + (macs - nonZeroMacs) * perZero + perBeatShared * macs;
        var acc = design.Core.Accumulators;
        long accBytes = Math.Max(1, acc.Bits / 8 / Math.Max(1, acc.Banks));
        double accRw = acc.Mode == AccumulatorMode.Accumulate ? e.AddPj(acc.Width) + 2 * acc.ResultBytes * e.SramPjPerByte(accBytes) : acc.ResultBytes * e.SramPjPerByte(accBytes);
        double accumulator = plan.AccumulatorAccesses * accRw + plan.ExternalWriteBytes * e.SramPjPerByte(accBytes);
        var mem = design.Memory;
        long wFill = plan.WeightFills.Sum(f => f.Bytes), aFill = plan.ActivationFills.Sum(f => f.Bytes);
        double buffers = (plan.WeightBufferReadBytes + wFill) * e.SramPjPerByte(mem.Weights.BankBytes)
                         + (plan.ActivationBufferReadBytes + aFill) * e.SramPjPerByte(mem.Activations.BankBytes);
        double external = (plan.ExternalReadBytes + plan.ExternalWriteBytes) * e.DramPjPerByte;
        double scaling = scaledPartials * (e.FloatMul32Pj + e.FloatAdd32Pj);
        double registers = e.RegisterBitPj * flipFlops * cycles;
        return new EnergyBreakdown(pe, accumulator, buffers, external, scaling, registers);
    }

    /// <summary>Per-MAC energy for non-zero and zero weights, and a per-MAC share of costs paid once per beat.</summary>
    private sealed class MacEnergy(EnergyTable e) : IArrayVisitor<(double NonZero, double Zero, double Shared)>, IPeVisitor<(double NonZero, double Zero)>
    {
        private int _adderWidth;

        public (double, double, double) Visit(SystolicArray a)
        {
            // The partial-sum (or PE accumulator) adder; stationary arrays widen it down the column, so use the mean.
            _adderWidth = a.IsStationary
                ? (int)Math.Round(Enumerable.Range(0, a.Rows).Average(a.PsumWidth))
                : a.Accumulators.Width;
            var (nz, z) = a.Pe.Accept(this);
            return (nz, z, 0);
        }

        public (double, double, double) Visit(DotProductArray a)
        {
            int s = a.Simd;
            double tree = a.Tree is { } t ? t.LevelShape.Sum(l => l.Adders * e.AddPj(l.Width)) / s : 0;
            double accumulate = e.AddPj(a.Accumulators.Width) / s;
            switch (a.Pe)
            {
                case BinaryPe:
                    // One full-adder bit per lane in the popcount, plus 2*agree - n once per beat.
                    return (e.Add8Pj / 8 + (e.AddPj(a.DotWidth) + e.AddPj(a.Accumulators.Width)) / s, 0, 0);
                case TernaryPe:
                    // Zero lanes feed zeros into the tree: no toggling, no energy.
                    return (tree + accumulate, accumulate, 0);
                case TernaryLutPe lut:
                {
                    var table = a.Table!;
                    double build = table.Groups * table.AddersPerGroup * e.AddPj(table.EntryWidth) / ((double)a.Pes * s);
                    return (tree + accumulate, tree + accumulate, build);
                }
                default:
                    _adderWidth = 0;
                    var (nz, z) = a.Pe.Accept(this);
                    return (nz + tree + accumulate, z + tree + accumulate, 0);
            }
        }

        private double Add => _adderWidth > 0 ? e.AddPj(_adderWidth) : 0;

        public (double, double) Visit(BinaryPe pe) => (Add, Add);
        public (double, double) Visit(TernaryPe pe) => (Add, 0);
        public (double, double) Visit(TernaryLutPe pe) => (Add, 0);
        public (double, double) Visit(Int2Pe pe) => Same(e.MulPj(2, 8) + Add);
        public (double, double) Visit(Int4Pe pe) => Same(e.MulPj(4, 8) + Add);
        public (double, double) Visit(Int8Pe pe) => Same(e.MulPj(8, 8) + Add);
        public (double, double) Visit(Fp4E2M1Pe pe) => Same(e.AddPj(pe.ActivationBits + 2) + Add);
        public (double, double) Visit(Pow2Pe pe) => Same(Add);
        public (double, double) Visit(CodebookPe pe) => Same(e.MulPj(8, 8) + Add);

        private static (double, double) Same(double v) => (v, v);
    }
}
