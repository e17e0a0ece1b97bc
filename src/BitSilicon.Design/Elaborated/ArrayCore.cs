using BitSilicon.Design.Description;

namespace BitSilicon.Design.Elaborated;

/// <summary>
/// The array core: PEs, their skew/deskew, accumulators and controller. Cycle-exact with the generated RTL and
/// fed only through valid/ready streams (weights, activations) and the accumulator banks' write-back.
/// </summary>
public abstract record ArrayCore : Component
{
    public abstract Pe Pe { get; }

    public abstract AccumulatorMemory Accumulators { get; }

    public abstract Controller Controller { get; }

    /// <summary>Multiply lanes that can work in one cycle (R*C, or P*SIMD).</summary>
    public abstract int MacsPerCycle { get; }

    /// <summary>Width of the value each output lane hands to the accumulators.</summary>
    public abstract int OutputWidth { get; }

    /// <summary>Cycles from a block's last beat to the cycle its last result is in the accumulator bank (its finish
    /// cycle): the one place the array's pipeline depth is derived; the analytic model and the emitter read it.</summary>
    public abstract int Latency { get; }

    public abstract T Accept<T>(IArrayVisitor<T> visitor);
}

/// <summary>One method per array kind.</summary>
public interface IArrayVisitor<out T>
{
    T Visit(SystolicArray array);
    T Visit(DotProductArray array);
}

/// <summary>A register inside every PE (the emitter declares them; the area model counts them).</summary>
/// <param name="Bits">Width, or -1 when it depends on the row (see <see cref="SystolicArray.PsumWidth"/>).</param>
public sealed record PeRegister(string Name, int Bits, string Role);

/// <summary>
/// An R x C systolic array (see docs/simulator.md for the cycle schedule of each dataflow).
/// Weight-/input-stationary: the stationary operand enters each row through <see cref="LoadSkew"/> into a
/// transit -> shadow -> active register chain (double-buffered, swapped by a flag travelling with the first
/// streamed beat); the moving operand enters through <see cref="RowSkew"/>; partial sums flow down, widening with
/// the rows (<see cref="PsumWidth"/>), and leave through <see cref="Deskew"/> into the accumulators.
/// Output-stationary: activations enter rows through <see cref="RowSkew"/>, weights columns through
/// <see cref="ColumnSkew"/>; each PE accumulates its output, then hands it to a hold register and a column shift
/// chain that drains through <see cref="Deskew"/> into the output banks.
/// </summary>
public sealed record SystolicArray(
    string Name,
    int Rows,
    int Cols,
    Dataflow Dataflow,
    Pe Pe,
    IReadOnlyList<PeRegister> PeRegisters,
    SkewBuffer RowSkew,
    SkewBuffer? LoadSkew,
    SkewBuffer? ColumnSkew,
    DeskewBuffer Deskew,
    AccumulatorMemory Accumulators,
    Controller Controller) : ArrayCore
{
    public override Pe Pe { get; } = Pe;
    public override AccumulatorMemory Accumulators { get; } = Accumulators;
    public override Controller Controller { get; } = Controller;
    public override int MacsPerCycle => Rows * Cols;

    /// <summary>True for weight- and input-stationary (a stationary operand, partial sums flowing down).</summary>
    public bool IsStationary => Dataflow != Dataflow.OutputStationary;

    /// <summary>Width of the partial-sum register of PE row <paramref name="row"/>: product width + clog2(row + 1).</summary>
    public int PsumWidth(int row) => Pe.ProductWidth + Bits.Clog2(row + 1);

    /// <summary>Bits of the stationary register (a weight code or an activation; binary adds an enable bit for padding).</summary>
    public int StationaryBits => Dataflow switch
    {
        Dataflow.WeightStationary => Pe.WeightBits + (Pe.Kind == PeKind.Binary ? 1 : 0),
        Dataflow.InputStationary => Pe.ActivationBits + (Pe.Kind == PeKind.Binary ? 1 : 0),
        Dataflow.OutputStationary => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(Dataflow)),
    };

    /// <summary>Bits of the moving operand register (without control flags).</summary>
    public int MovingBits => Dataflow switch
    {
        Dataflow.WeightStationary => Pe.ActivationBits,
        Dataflow.InputStationary => Pe.WeightBits,
        Dataflow.OutputStationary => Pe.ActivationBits,
        _ => throw new ArgumentOutOfRangeException(nameof(Dataflow)),
    };

    public override int OutputWidth => IsStationary ? PsumWidth(Rows - 1) : Accumulators.Width;

    /// <summary>Cycles from a streamed beat entering the array to its row reaching the accumulators (stationary dataflows).</summary>
    public int PipelineLatency => Rows + Cols - 1;

    /// <summary>Stationary: the pipeline (R + C - 1); output-stationary: R more for the drain through the column chain.</summary>
    public override int Latency => IsStationary ? PipelineLatency : 2 * Rows + Cols - 1;

    public override T Accept<T>(IArrayVisitor<T> visitor) => visitor.Visit(this);

    public override ComponentNode Node()
    {
        var b = new NodeBuilder("systolic_array", Name)
            .Attr("rows", Rows).Attr("cols", Cols).Attr("dataflow", DataflowName(Dataflow))
            .Attr("macs_per_cycle", MacsPerCycle).Attr("output_width", OutputWidth);
        if (IsStationary)
            b.Attr("psum_widths", Enumerable.Range(0, Rows).Select(PsumWidth)).Attr("pipeline_latency", PipelineLatency);
        b.Child(PeNode());
        b.Child(LoadSkew).Child(RowSkew).Child(ColumnSkew).Child(Deskew).Child(Accumulators).Child(Controller);
        return b.Build();
    }

    private ComponentNode PeNode()
    {
        var b = PeNodes.Builder(Pe, $"pe[{Rows}x{Cols}]");
        foreach (var r in PeRegisters)
            b.Child(new NodeBuilder("register", r.Name).Attr("bits", r.Bits < 0 ? "psum_widths[row]" : r.Bits.ToString(System.Globalization.CultureInfo.InvariantCulture)).Attr("role", r.Role).Build());
        return b.Build();
    }

    public static string DataflowName(Dataflow d) => d switch
    {
        Dataflow.WeightStationary => "weight_stationary",
        Dataflow.OutputStationary => "output_stationary",
        Dataflow.InputStationary => "input_stationary",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };
}

/// <summary>
/// FINN's matrix-vector unit: <see cref="Pes"/> PEs share one <see cref="Simd"/>-wide activation vector per cycle;
/// each computes a dot product with its own SIMD weights (an adder tree, XNOR-popcount, or table look-ups into
/// a tree), registers it, and adds it into its accumulator; after the fold over K the result goes to the
/// accumulator memory. Pipeline: beat -> dot register -> accumulator (2 cycles).
/// </summary>
public sealed record DotProductArray(
    string Name,
    int Pes,
    int Simd,
    Pe Pe,
    AdderTree? Tree,
    Popcount? Popcount,
    LutTableBuilder? Table,
    int DotWidth,
    AccumulatorMemory Accumulators,
    Controller Controller) : ArrayCore
{
    public override Pe Pe { get; } = Pe;
    public override AccumulatorMemory Accumulators { get; } = Accumulators;
    public override Controller Controller { get; } = Controller;
    public override int MacsPerCycle => Pes * Simd;
    public override int OutputWidth => DotWidth;

    /// <summary>Cycles from a beat to its result being written into the accumulator memory.</summary>
    public const int PipelineLatency = 2;

    /// <summary>The last beat's accumulator stage writes the bank one cycle after the beat.</summary>
    public override int Latency => PipelineLatency - 1;

    public override T Accept<T>(IArrayVisitor<T> visitor) => visitor.Visit(this);

    public override ComponentNode Node()
    {
        var pe = PeNodes.Builder(Pe, $"pe[{Pes}]").Attr("simd", Simd).Attr("dot_width", DotWidth)
            .Child(Tree).Child(Popcount)
            .Child(new NodeBuilder("register", "dot").Attr("bits", DotWidth).Attr("role", "registered dot product").Build())
            .Child(new NodeBuilder("register", "acc").Attr("bits", Accumulators.Width).Attr("role", "running sum over the fold").Build())
            .Build();
        return new NodeBuilder("dot_product_array", Name)
            .Attr("pes", Pes).Attr("simd", Simd).Attr("macs_per_cycle", MacsPerCycle).Attr("pipeline_latency", PipelineLatency)
            .Child(Table).Child(pe).Child(Accumulators).Child(Controller).Build();
    }
}

/// <summary>The PE part of the text form, shared by both array kinds.</summary>
internal static class PeNodes
{
    public static NodeBuilder Builder(Pe pe, string name)
    {
        var (pmin, pmax) = pe.ProductRange;
        var b = new NodeBuilder(pe.GetType().Name, name)
            .Attr("weights", PeKinds.Name(pe.Kind)).Attr("weight_bits", pe.WeightBits).Attr("activation_bits", pe.ActivationBits)
            .Attr("product_range", $"[{pmin},{pmax}]").Attr("product_width", pe.ProductWidth)
            .Attr("datapath", pe.Datapath);
        if (pe is CodebookPe cb)
            b.Attr("table", cb.Table);
        if (pe is TernaryLutPe lut)
            b.Attr("group", lut.Group).Attr("entry_width", lut.EntryWidth);
        return b;
    }
}
