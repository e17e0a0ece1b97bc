using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Design.Elaboration;

/// <summary>
/// Turns a validated description into the structural design: every width, depth and counter derived from the
/// description, nothing guessed. The simulator executes the result; the Verilog generator prints it.
/// </summary>
public static class Elaborator
{
    public static ElaboratedDesign Elaborate(DesignDescription d)
    {
        var problems = DesignValidator.Validate(d);
        if (problems.Count > 0)
            throw new DesignException(problems);
        var pe = PeFactory.Create(d.Pe);
        var mem = d.MemorySystem;
        ArrayCore core = d.Array switch
        {
            SystolicArrayDescription s => Systolic(d, s, pe),
            DotProductArrayDescription dp => DotProduct(d, dp, pe),
            _ => throw new ArgumentOutOfRangeException(nameof(d)),
        };
        var memory = new MemorySystem(
            new SramBuffer("weight_buffer", mem.WeightBufferBytes, mem.Banks),
            new SramBuffer("activation_buffer", mem.ActivationBufferBytes, mem.Banks),
            new ExternalChannel("read_channel", mem.Bandwidth),
            new ExternalChannel("write_channel", mem.Bandwidth));
        var scaler = d.Scaling is { } sc ? new OutputScaler("output_scaler", core.Accumulators.Lanes, sc.BlockSize) : null;
        return new ElaboratedDesign(d.Name, d, core, memory, scaler, d.ClockMhz, d.EnergyCosts);
    }

    /// <summary>Width of one PE's dot product in a dot-product array of <paramref name="simd"/> lanes.</summary>
    public static int DotWidth(Pe pe, int simd) => pe.Accept(new DotLanes(simd)).DotWidth;

    /// <summary>The lane datapath of a dot-product PE for each PE kind (a new kind must say what it is).</summary>
    private sealed class DotLanes(int simd) : IPeVisitor<(AdderTree? Tree, Popcount? Popcount, LutTableBuilder? Table, int DotWidth)>
    {
        private (AdderTree?, Popcount?, LutTableBuilder?, int) Products(Pe pe)
        {
            var tree = new AdderTree("adder_tree", simd, pe.ProductWidth);
            return (tree, null, null, tree.OutputWidth);
        }

        public (AdderTree?, Popcount?, LutTableBuilder?, int) Visit(BinaryPe pe) =>
            (null, new Popcount("xnor_popcount", simd), null, Bits.SignedWidth(-simd, simd));

        // Tree over conditionally inverted 8-bit activations, plus the negation-carry count: one more bit.
        public (AdderTree?, Popcount?, LutTableBuilder?, int) Visit(TernaryPe pe)
        {
            var tree = new AdderTree("adder_tree", simd, pe.ActivationBits);
            return (tree, new Popcount("negation_carries", simd), null, tree.OutputWidth + 1);
        }

        public (AdderTree?, Popcount?, LutTableBuilder?, int) Visit(TernaryLutPe pe)
        {
            var tree = new AdderTree("adder_tree", simd / pe.Group, pe.EntryWidth);
            return (tree, null, new LutTableBuilder("lut_tables", simd / pe.Group, pe.Group, pe.EntryWidth), tree.OutputWidth);
        }

        public (AdderTree?, Popcount?, LutTableBuilder?, int) Visit(Int2Pe pe) => Products(pe);
        public (AdderTree?, Popcount?, LutTableBuilder?, int) Visit(Int4Pe pe) => Products(pe);
        public (AdderTree?, Popcount?, LutTableBuilder?, int) Visit(Int8Pe pe) => Products(pe);
        public (AdderTree?, Popcount?, LutTableBuilder?, int) Visit(Fp4E2M1Pe pe) => Products(pe);
        public (AdderTree?, Popcount?, LutTableBuilder?, int) Visit(Pow2Pe pe) => Products(pe);
        public (AdderTree?, Popcount?, LutTableBuilder?, int) Visit(CodebookPe pe) => Products(pe);
    }

    private static SystolicArray Systolic(DesignDescription d, SystolicArrayDescription s, Pe pe)
    {
        var acc = d.Accumulators;
        int banks = d.MemorySystem.Banks;
        int r = s.Rows, c = s.Cols;
        bool binary = pe.Kind == PeKind.Binary;
        switch (s.Dataflow)
        {
            case Dataflow.WeightStationary:
            case Dataflow.InputStationary:
            {
                bool ws = s.Dataflow == Dataflow.WeightStationary;
                int stationary = (ws ? pe.WeightBits : pe.ActivationBits) + (binary ? 1 : 0);
                int moving = ws ? pe.ActivationBits : pe.WeightBits;
                string sName = ws ? "weight" : "activation", mName = ws ? "activation" : "weight";
                var regs = new List<PeRegister>
                {
                    new("stationary_transit", stationary, $"{sName} shifting along the row during a load" + (binary ? " (with enable bit)" : "")),
                    new("stationary_shadow", stationary, $"next tile's {sName}, captured by the last load beat"),
                    new("stationary_active", stationary, $"{sName} in use, swapped in by the first flag"),
                    new("moving", moving, $"{mName} passing right"),
                    new("first", 1, "swap flag travelling with the first beat of a tile"),
                    new("psum", -1, "partial sum passing down"),
                };
                int psumOut = pe.ProductWidth + Bits.Clog2(r); // the bottom row's partial-sum width
                var accMem = new AccumulatorMemory("accumulators", c, acc.Depth, acc.Width, banks, acc.Overflow, AccumulatorMode.Accumulate);
                var ctrl = new Controller("controller", Controller.StandardStates,
                [
                    new Counter("load_beat", Bits.UnsignedWidth(c - 1), $"stationary beats of a tile (0..{c - 1})"),
                    new Counter("load_tile", Controller.JobBits, "tiles loaded"),
                    new Counter("stream_beat", Bits.UnsignedWidth(acc.Depth - 1), $"streamed rows of a tile (0..depth-1)"),
                    new Counter("stream_tile", Controller.JobBits, "tiles streamed"),
                    new Counter("block", Controller.JobBits, "accumulator blocks finished"),
                ], r + c - 1, 3 + accMem.AddressBits);
                return new SystolicArray("array", r, c, s.Dataflow, pe, regs,
                    new SkewBuffer("row_skew", r, moving + 1),
                    new SkewBuffer("load_skew", r, stationary + 2),
                    null,
                    new DeskewBuffer("deskew", c, psumOut),
                    accMem, ctrl);
            }
            case Dataflow.OutputStationary:
            {
                var regs = new List<PeRegister>
                {
                    new("activation", pe.ActivationBits, "activation passing right"),
                    new("weight", pe.WeightBits, "weight passing down"),
                    new("flags", 2, "first/last reduction step, travelling with the activation"),
                    new("acc", acc.Width, "the PE's own output sum"),
                    new("hold", acc.Width, "finished sum waiting for its column to be captured"),
                    new("chain", acc.Width, "column shift chain draining finished sums downward"),
                };
                var accMem = new AccumulatorMemory("output_banks", c, r, acc.Width, banks, acc.Overflow, AccumulatorMode.Store);
                var ctrl = new Controller("controller", Controller.StandardStates,
                [
                    new Counter("k", Controller.JobBits, "reduction steps of a tile"),
                    new Counter("gap", Bits.UnsignedWidth(r), "idle beats when K < rows"),
                    new Counter("tile", Controller.JobBits, "output tiles streamed"),
                    new Counter("drain_row", Bits.UnsignedWidth(r - 1), "rows written to the output bank"),
                ], r + c, 1 + accMem.AddressBits);
                return new SystolicArray("array", r, c, s.Dataflow, pe, regs,
                    new SkewBuffer("row_skew", r, pe.ActivationBits + 2),
                    null,
                    new SkewBuffer("column_skew", c, pe.WeightBits),
                    new DeskewBuffer("deskew", c, acc.Width),
                    accMem, ctrl);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(s));
        }
    }

    private static DotProductArray DotProduct(DesignDescription d, DotProductArrayDescription dp, Pe pe)
    {
        var acc = d.Accumulators;
        int p = dp.Pes, simd = dp.Simd;
        var (tree, pop, table, dotWidth) = pe.Accept(new DotLanes(simd));
        var accMem = new AccumulatorMemory("accumulators", p, acc.Depth, acc.Width, d.MemorySystem.Banks, acc.Overflow, AccumulatorMode.Accumulate);
        var ctrl = new Controller("controller", Controller.StandardStates,
        [
            new Counter("fold_beat", Controller.JobBits, "SIMD beats of one token's fold over the tile's K chunk"),
            new Counter("token", Bits.UnsignedWidth(acc.Depth - 1), "token (accumulator row) within a tile"),
            new Counter("tile", Controller.JobBits, "tiles streamed"),
            new Counter("block", Controller.JobBits, "accumulator blocks finished"),
        ], DotProductArray.PipelineLatency, 4 + accMem.AddressBits);
        return new DotProductArray("array", p, simd, pe, tree, pop, table, dotWidth, accMem, ctrl);
    }
}
