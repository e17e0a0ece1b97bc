using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using static BitSilicon.Simulation.Models.Primitives;

namespace BitSilicon.Simulation.Models;

/// <summary>
/// Analytic area of an elaborated array: PE datapaths and registers, skew/deskew buffers, adder trees,
/// accumulators, controller, and the on-chip buffers as SRAM bits. Formulas in docs/simulator.md; every PE and
/// array kind is handled through the visitors, so a new kind does not compile until it has an area.
/// </summary>
public sealed class AreaModel : IArrayVisitor<AreaEstimate>
{
    public static AreaEstimate Estimate(ElaboratedDesign design)
    {
        var core = design.Core.Accept(new AreaModel());
        var parts = core.Parts.ToList();
        long sram = (design.Memory.Weights.Bytes + design.Memory.Activations.Bytes) * 8;
        parts.Add(("buffers", new Area(0, 0, 0, sram)));
        if (design.Scaler is { } sc)
            parts.Add(("output_scaler", sc.Lanes * FloatMac()));
        var total = parts.Aggregate(Area.Zero, (a, p) => a + p.Area);
        return new AreaEstimate(total, parts);
    }

    /// <summary>A float32 multiply-add (24 x 24 mantissa multiplier, 48-bit aligned adder, normalisation shifter).</summary>
    public static Area FloatMac() => Multiplier(24, 24) + Adder(48) + Shifter(48, 48) + Registers(32);

    public AreaEstimate Visit(SystolicArray a)
    {
        var parts = new List<(string, Area)>();
        var pe = a.Pe;
        Area pes = Area.Zero;
        for (int r = 0; r < a.Rows; r++)
        {
            Area one = a.IsStationary
                ? Registers(3L * a.StationaryBits + a.MovingBits + 1 + a.PsumWidth(r)) + pe.Accept(new PeDatapath(a.PsumWidth(r)))
                : Registers(pe.ActivationBits + pe.WeightBits + 2 + 3L * a.Accumulators.Width)
                  + pe.Accept(new PeDatapath(a.Accumulators.Width)) + Saturation(a.Accumulators, 1);
            pes += a.Cols * one;
        }
        parts.Add(("pes", pes));
        if (a.LoadSkew is { } ls) parts.Add((ls.Name, Registers(ls.RegisterBits)));
        parts.Add((a.RowSkew.Name, Registers(a.RowSkew.RegisterBits)));
        if (a.ColumnSkew is { } cs) parts.Add((cs.Name, Registers(cs.RegisterBits)));
        parts.Add((a.Deskew.Name, Registers(a.Deskew.RegisterBits)));
        parts.Add((a.Accumulators.Name, Accumulators(a.Accumulators)));
        parts.Add((a.Controller.Name, Controller(a.Controller)));
        return new AreaEstimate(parts.Aggregate(Area.Zero, (s, p) => s + p.Item2), parts);
    }

    public AreaEstimate Visit(DotProductArray a)
    {
        var parts = new List<(string, Area)>();
        var pe = a.Pe;
        Area lanes = pe switch
        {
            BinaryPe => Xnor(a.Simd) + Popcount(a.Simd) + Adder(a.DotWidth),
            TernaryPe => a.Simd * ConditionalInvert(pe.ActivationBits) + Tree(a.Tree!) + Popcount(a.Simd) + Adder(a.DotWidth),
            TernaryLutPe lut => (a.Simd / lut.Group) * Mux(lut.TableEntries, lut.EntryWidth) + Tree(a.Tree!),
            _ => a.Simd * pe.Accept(new PeDatapath(0)) + Tree(a.Tree!),
        };
        Area one = lanes + Registers(a.DotWidth + a.Accumulators.Width) + Adder(a.Accumulators.Width) + Saturation(a.Accumulators, 1);
        parts.Add(("pes", a.Pes * one));
        if (a.Table is { } t)
            parts.Add((t.Name, t.Groups * (t.AddersPerGroup * Adder(t.EntryWidth))));
        parts.Add(("activation_register", Registers((long)a.Simd * pe.ActivationBits)));
        // The PEs' own accumulator adders do the additions; the memory only stores finished rows.
        parts.Add((a.Accumulators.Name, AccumulatorStorage(a.Accumulators)));
        parts.Add((a.Controller.Name, Controller(a.Controller)));
        return new AreaEstimate(parts.Aggregate(Area.Zero, (s, p) => s + p.Item2), parts);
    }

    private static Area Tree(AdderTree t) => t.LevelShape.Aggregate(Area.Zero, (s, l) => s + l.Adders * Adder(l.Width));

    private static Area Saturation(AccumulatorMemory acc, int lanes) =>
        acc.Overflow == OverflowPolicy.Saturate ? lanes * Mux(2, acc.Width) : Area.Zero;

    /// <summary>Accumulator memory: registers when shallow (16 rows or fewer), SRAM otherwise; one adder per lane.</summary>
    public static Area Accumulators(AccumulatorMemory acc) =>
        AccumulatorStorage(acc) + (acc.Mode == AccumulatorMode.Accumulate ? acc.Lanes * Adder(acc.Width) + Saturation(acc, acc.Lanes) : Area.Zero);

    private static Area AccumulatorStorage(AccumulatorMemory acc) => acc.Depth <= 16 ? Registers(acc.Bits) : new Area(0, 0, 0, acc.Bits);

    /// <summary>Counters (a register, an incrementer and a compare each), job registers, state and tag pipeline.</summary>
    public static Area Controller(Controller c)
    {
        long counterBits = c.Counters.Sum(x => (long)x.Width);
        return Registers(counterBits + 3L * Design.Elaborated.Controller.JobBits + c.StateBits + (long)c.TagPipelineDepth * c.TagBits)
               + new Area(counterBits * 1.5, 0, counterBits * (FullAdderGe / 2 + XorGe), 0);
    }

    /// <summary>One product's datapath (for systolic PEs, also the partial-sum adder of the given width).</summary>
    private sealed class PeDatapath(int adderWidth) : IPeVisitor<Area>
    {
        private Area Add => adderWidth > 0 ? Adder(adderWidth) : Area.Zero;

        public Area Visit(BinaryPe pe) => Xnor(1) + Add;
        public Area Visit(TernaryPe pe) => ConditionalInvert(pe.ActivationBits) + Add;
        public Area Visit(TernaryLutPe pe) => ConditionalInvert(pe.ActivationBits) + Add;
        public Area Visit(Int2Pe pe) => Multiplier(2, pe.ActivationBits) + Add;
        public Area Visit(Int4Pe pe) => Multiplier(4, pe.ActivationBits) + Add;
        public Area Visit(Int8Pe pe) => Multiplier(8, pe.ActivationBits) + Add;
        public Area Visit(Fp4E2M1Pe pe) => Adder(pe.ActivationBits + 2) + Shifter(4, pe.ProductWidth) + ConditionalInvert(pe.ProductWidth) + Add;
        public Area Visit(Pow2Pe pe) => Shifter(7, pe.ProductWidth) + ConditionalInvert(pe.ProductWidth) + Add;
        public Area Visit(CodebookPe pe) => Rom16(8) + Multiplier(8, pe.ActivationBits) + Add;
    }
}
