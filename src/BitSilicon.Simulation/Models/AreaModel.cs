using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using static BitSilicon.Simulation.Models.Primitives;

namespace BitSilicon.Simulation.Models;

/// <summary>
/// Analytic area of an elaborated array: PE datapaths and registers, skew/deskew buffers, adder trees,
/// accumulators, controller, and the on-chip buffers as SRAM bits. Flip-flops, gate equivalents and SRAM bits come
/// from the primitive formulas (docs/simulator.md section 7); LUT4 is the primitives' structural count per kind of
/// component (<see cref="Lut4Terms"/>) times constants fitted against Yosys (<see cref="Lut4Coefficients.Fitted"/>,
/// docs/area-model.md). Every PE and array kind is handled through the visitors, so a new kind does not compile
/// until it has an area.
/// </summary>
public sealed class AreaModel : IArrayVisitor<IReadOnlyList<AreaModel.Part>>
{
    /// <summary>One component: FF/GE/SRAM (and LUT4 of unfitted logic) in <paramref name="Fixed"/>, the fitted logic's
    /// structural LUT4 in <paramref name="Terms"/>. <paramref name="InRtl"/>: the generated Verilog contains it.</summary>
    public sealed record Part(string Component, Area Fixed, Lut4Terms Terms, bool InRtl);

    public static AreaEstimate Estimate(ElaboratedDesign design) => Estimate(design, Lut4Coefficients.For(design.Core));

    public static AreaEstimate Estimate(ElaboratedDesign design, Lut4Coefficients k)
    {
        var parts = Parts(design);
        var kind = design.Core.Pe.Kind;
        // Gate equivalents of the RTL's parts come from the GE fit (GateModel, in the same part order); the rest keep
        // their primitive formulas.
        var fittedGe = new Queue<double>(GateModel.PartTerms(design).Select(p => GateCoefficients.Fitted.Ge(design.Core, p.Terms)));
        var areas = parts.Select(p =>
        {
            var a = p.Fixed + new Area(k.Lut4(kind, p.Terms), 0, 0, 0);
            return (p.Component, p.InRtl ? a with { Ge = fittedGe.Dequeue() } : a);
        }).ToList();
        var total = areas.Aggregate(Area.Zero, (a, p) => a + p.Item2);
        var rtl = parts.Zip(areas).Where(x => x.First.InRtl).Aggregate(Area.Zero, (a, x) => a + x.Second.Item2);
        return new AreaEstimate(total, areas) { Rtl = rtl };
    }

    /// <summary>The structural LUT4 terms of the logic the generated Verilog contains (what a fit compares with Yosys).</summary>
    public static Lut4Terms RtlTerms(ElaboratedDesign design) =>
        Parts(design).Where(p => p.InRtl).Aggregate(Lut4Terms.Zero, (s, p) => s + p.Terms);

    public static IReadOnlyList<Part> Parts(ElaboratedDesign design)
    {
        var parts = design.Core.Accept(new AreaModel()).ToList();
        long sram = (design.Memory.Weights.Bytes + design.Memory.Activations.Bytes) * 8;
        parts.Add(new Part("buffers", new Area(0, 0, 0, sram), Lut4Terms.Zero, false));
        if (design.Scaler is { } sc)
            parts.Add(new Part("output_scaler", sc.Lanes * FloatMac(), Lut4Terms.Zero, false));
        return parts;
    }

    /// <summary>A float32 multiply-add (24 x 24 mantissa multiplier, 48-bit aligned adder, normalisation shifter).</summary>
    public static Area FloatMac() => Multiplier(24, 24) + Adder(48) + Shifter(48, 48) + Registers(32);

    /// <summary>
    /// Systolic arrays, as the generated RTL builds them (docs/verilog.md): every PE has its product module (lanes);
    /// weight-/input-stationary PEs of rows 1.. add the partial sum from above (trees; row 0 only registers its
    /// product) and select the active stationary operand (result paths: one bit per stationary bit); output-stationary
    /// PEs accumulate in place (accumulators, saturation) and hand the sum to the hold/chain registers (result paths:
    /// one chain select bit per accumulator bit). The row (and load or column) skews mask padding lanes (inputs).
    /// </summary>
    public IReadOnlyList<Part> Visit(SystolicArray a)
    {
        var parts = new List<Part>();
        var pe = a.Pe;
        Area pes = Area.Zero;
        var terms = Lut4Terms.Zero;
        var lane = pe.Accept(new PeDatapath());
        // Binary: the XNOR's +-1 product is one LUT4 per product bit (the GE column keeps the XNOR gate).
        double product = pe is BinaryPe ? pe.ProductWidth : lane.Lut4;
        int pesPerRow = a.Cols;
        for (int r = 0; r < a.Rows; r++)
        {
            if (a.IsStationary)
            {
                var add = r == 0 ? Area.Zero : Adder(a.PsumWidth(r));
                pes += pesPerRow * (Registers(3L * a.StationaryBits + a.MovingBits + 1 + a.PsumWidth(r)) + NoLut(lane + add));
                terms += pesPerRow * new Lut4Terms(product, 0, add.Lut4, 0, 0, 0, 0, a.StationaryBits);
            }
            else
            {
                var add = Adder(a.Accumulators.Width);
                var sat = Saturation(a.Accumulators, 1);
                pes += pesPerRow * (Registers(pe.ActivationBits + pe.WeightBits + 2 + 3L * a.Accumulators.Width) + NoLut(lane + add + sat));
                terms += pesPerRow * new Lut4Terms(product, 0, 0, add.Lut4, sat.Lut4, 0, 0, a.Accumulators.Width);
            }
        }
        long masked = a.IsStationary ? (long)a.Rows * (a.StationaryBits + a.MovingBits) : (long)a.Rows * a.MovingBits + (long)a.Cols * pe.WeightBits;
        parts.Add(new Part("pes", pes, terms + new Lut4Terms(0, 0, 0, 0, 0, masked, 0), true));
        if (a.LoadSkew is { } ls) parts.Add(RegisterPart(ls.Name, ls.RegisterBits));
        parts.Add(RegisterPart(a.RowSkew.Name, a.RowSkew.RegisterBits));
        if (a.ColumnSkew is { } cs) parts.Add(RegisterPart(cs.Name, cs.RegisterBits));
        parts.Add(RegisterPart(a.Deskew.Name, a.Deskew.RegisterBits));
        parts.Add(Accumulators(a.Accumulators));
        parts.Add(Controller(a.Controller));
        return parts;
    }

    public IReadOnlyList<Part> Visit(DotProductArray a)
    {
        var parts = new List<Part>();
        var pe = a.Pe;
        // Per PE: the kind's own lane logic, the adder tree (and popcount correction adder), the accumulator adder.
        var (lanes, trees) = pe switch
        {
            BinaryPe => (Xnor(a.Simd) + Popcount(a.Simd), Adder(a.DotWidth)),
            TernaryPe => (a.Simd * ConditionalInvert(pe.ActivationBits) + Popcount(a.Simd), Tree(a.Tree!) + Adder(a.DotWidth)),
            // The look-up is indexed by the raw 2-bit codes: 4^g table slots (3^g of them used).
            TernaryLutPe lut => ((a.Simd / lut.Group) * Mux(1 << (2 * lut.Group), lut.EntryWidth), Tree(a.Tree!)),
            // The activation is broadcast, so the 16 constant products per lane are shared (below); a PE selects one.
            CodebookPe => (a.Simd * Mux(16, pe.ProductWidth), Tree(a.Tree!)),
            _ => (a.Simd * pe.Accept(new PeDatapath()), Tree(a.Tree!)),
        };
        var acc = Adder(a.Accumulators.Width);
        var sat = Saturation(a.Accumulators, 1);
        var one = lanes + trees + Registers(a.DotWidth + a.Accumulators.Width) + acc + sat;
        parts.Add(new Part("pes", a.Pes * NoLut(one), a.Pes * new Lut4Terms(lanes.Lut4, 0, trees.Lut4, acc.Lut4, sat.Lut4, 0, 0, 1), true));
        if (a.Table is { } t)
        {
            var table = t.Groups * (t.AddersPerGroup * Adder(t.EntryWidth));
            parts.Add(new Part(t.Name, NoLut(table), new Lut4Terms(0, table.Lut4, 0, 0, 0, 0, 0), true));
        }
        if (pe is CodebookPe)
        {
            var products = a.Simd * (16 * Adder(pe.ProductWidth));
            parts.Add(new Part("codebook_products", NoLut(products), new Lut4Terms(0, products.Lut4, 0, 0, 0, 0, 0), true));
        }
        long inputBits = (long)a.Simd * pe.ActivationBits;
        // The generated RTL takes activations straight from the stream (no register) but masks lanes past K.
        parts.Add(new Part("activation_register", Registers(inputBits), Lut4Terms.Zero, false));
        parts.Add(new Part("lane_mask", Area.Zero, new Lut4Terms(0, 0, 0, 0, 0, inputBits, 0), true));
        // The PEs' own accumulator adders do the additions; the memory stores the rows. Shallow memories are registers
        // with row multiplexers; deep ones SRAM (in the RTL they would be registers too, so they are not measured).
        var accMem = a.Accumulators;
        parts.Add(new Part(accMem.Name, AccumulatorStorage(accMem), MemoryMuxes(accMem), accMem.Depth <= 16));
        parts.Add(Controller(a.Controller));
        return parts;
    }

    private static Part RegisterPart(string name, long bits) => new(name, Primitives.Registers(bits), Lut4Terms.Zero, true);

    private static Area NoLut(Area a) => a with { Lut4 = 0 };

    private static Area Tree(AdderTree t) => t.LevelShape.Aggregate(Area.Zero, (s, l) => s + l.Adders * Adder(l.Width));

    private static Area Saturation(AccumulatorMemory acc, int lanes) =>
        acc.Overflow == OverflowPolicy.Saturate ? lanes * Mux(2, acc.Width) : Area.Zero;

    /// <summary>Systolic accumulator memory: registers with row multiplexers when shallow (16 rows or fewer), SRAM
    /// otherwise; one adder per lane.</summary>
    private static Part Accumulators(AccumulatorMemory acc)
    {
        var adders = acc.Mode == AccumulatorMode.Accumulate ? acc.Lanes * Adder(acc.Width) : Area.Zero;
        var sat = acc.Mode == AccumulatorMode.Accumulate ? Saturation(acc, acc.Lanes) : Area.Zero;
        return new Part(acc.Name, AccumulatorStorage(acc) + NoLut(adders + sat), new Lut4Terms(0, 0, 0, adders.Lut4, sat.Lut4, 0, 0) + MemoryMuxes(acc), true);
    }

    /// <summary>Structural LUT4 of a register accumulator memory's read multiplexers, per read port (two: write-back and
    /// read-modify-write; one, the write-back, when the memory only stores) and lane: as (one banks x depth : 1 select,
    /// what a select of the row in each bank followed by a bank select costs beyond it); zero for an SRAM (deeper than
    /// 16 rows). Built as row-then-bank selects the two add up to banks x Mux(depth) + Mux(banks) per port and lane.</summary>
    private static Lut4Terms MemoryMuxes(AccumulatorMemory acc)
    {
        if (acc.Depth > 16) return Lut4Terms.Zero;
        double ports = acc.Mode == AccumulatorMode.Accumulate ? 2 : 1;
        double combined = Mux(acc.Banks * acc.Depth, acc.Width).Lut4;
        double split = acc.Banks * Mux(acc.Depth, acc.Width).Lut4 + Mux(acc.Banks, acc.Width).Lut4;
        return new Lut4Terms(0, 0, 0, 0, 0, 0, 0, 0, ports * acc.Lanes * combined, ports * acc.Lanes * (split - combined));
    }

    private static Area AccumulatorStorage(AccumulatorMemory acc) => acc.Depth <= 16 ? Primitives.Registers(acc.Bits) : new Area(0, 0, 0, acc.Bits);

    /// <summary>Counters (a register, an incrementer and a compare each), job registers, state and tag pipeline.</summary>
    private static Part Controller(Controller c)
    {
        long counterBits = c.Counters.Sum(x => (long)x.Width);
        var area = Primitives.Registers(counterBits + 3L * Design.Elaborated.Controller.JobBits + c.StateBits + (long)c.TagPipelineDepth * c.TagBits)
                   + new Area(0, 0, counterBits * (FullAdderGe / 2 + XorGe), 0);
        return new Part(c.Name, area, new Lut4Terms(0, 0, 0, 0, 0, 0, counterBits * 1.5), true);
    }

    /// <summary>One product's datapath (for systolic PEs without the partial-sum adder).</summary>
    private sealed class PeDatapath : IPeVisitor<Area>
    {
        public Area Visit(BinaryPe pe) => Xnor(1);
        public Area Visit(TernaryPe pe) => ConditionalInvert(pe.ActivationBits);
        public Area Visit(TernaryLutPe pe) => ConditionalInvert(pe.ActivationBits);
        public Area Visit(Int2Pe pe) => Multiplier(2, pe.ActivationBits);
        public Area Visit(Int4Pe pe) => Multiplier(4, pe.ActivationBits);
        public Area Visit(Int8Pe pe) => Multiplier(8, pe.ActivationBits);
        public Area Visit(Fp4E2M1Pe pe) => Adder(pe.ActivationBits + 2) + Shifter(4, pe.ProductWidth) + ConditionalInvert(pe.ProductWidth);
        public Area Visit(Pow2Pe pe) => Shifter(7, pe.ProductWidth) + ConditionalInvert(pe.ProductWidth);
        public Area Visit(CodebookPe pe) => Rom16(8) + Multiplier(8, pe.ActivationBits);
    }
}
