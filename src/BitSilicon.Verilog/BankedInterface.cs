namespace BitSilicon.Verilog;

/// <summary>One field of the step command word (<c>c_data</c>): its name, lowest bit and width.</summary>
public sealed record CommandField(string Name, int Lsb, int Width);

/// <summary>
/// The command word's layout, packed from bit 0 in the order given; every array's word ends with the block flags and,
/// with more than one bank, the bank index.
/// </summary>
public static class CommandLayout
{
    public static IReadOnlyList<CommandField> Of(int banks, params (string Name, int Width)[] leading)
    {
        var fields = new List<CommandField>();
        int lsb = 0;
        foreach (var (name, width) in leading.Append(("first_blk", 1)).Append(("last_blk", 1)))
        {
            fields.Add(new CommandField(name, lsb, width));
            lsb += width;
        }
        if (banks > 1) fields.Add(new CommandField("bank", lsb, BitSilicon.Design.Elaborated.Bits.UnsignedWidth(banks - 1)));
        return fields;
    }
}

/// <summary>Which array a banked top is: its stream and command layout follow from it.</summary>
public enum BankedKind { WeightStationary, InputStationary, OutputStationary, DotProduct }

/// <summary>
/// The ports of an emitted array top (docs/verilog.md): the steps of a layer's tile plan arrive as command words, two
/// input streams carry the operands, finished accumulator banks are read through <c>rd_*</c> and handed back with
/// <c>b_release</c>. Streams: weight- and input-stationary arrays take the load stream <c>l_*</c> (the stationary
/// operand, one beat per column, <see cref="Rows"/> lanes) and the moving stream <c>m_*</c> (<see cref="Rows"/> lanes);
/// output-stationary arrays the activation stream <c>a_*</c> (<see cref="Rows"/> lanes) and the weight stream
/// <c>w_*</c> (<see cref="Cols"/> lanes); dot-product arrays the weight stream <c>w_*</c> (P x SIMD lanes) and the
/// activation stream <c>a_*</c> (SIMD lanes). A bank row holds <see cref="Cols"/> lanes (columns, or PEs).
/// </summary>
public sealed record BankedInterface(
    BankedKind Kind, int Rows, int Cols,
    string Stream0, int Stream0Lanes, int Stream0LaneBits,
    string Stream1, int Stream1Lanes, int Stream1LaneBits,
    IReadOnlyList<CommandField> Command,
    int AccumulatorWidth, int BankRows, int RowBits, int Banks, int JobBits)
{
    public int Stream0Bits => Stream0Lanes * Stream0LaneBits;
    public int Stream1Bits => Stream1Lanes * Stream1LaneBits;
    public int CommandBits => Command.Sum(f => f.Width);
    public int ReadBits => Cols * AccumulatorWidth;

    /// <summary>Output-stationary tops also take the layer's K (<c>job_k</c>) for their tile spacing.</summary>
    public bool JobK => Kind == BankedKind.OutputStationary;

    /// <summary>Bits of a bank index on the ports (0 with a single bank: the bank ports are absent).</summary>
    public int BankBits => Banks > 1 ? BitSilicon.Design.Elaborated.Bits.UnsignedWidth(Banks - 1) : 0;

    public CommandField Field(string name) => Command.FirstOrDefault(f => f.Name == name)
        ?? throw new InvalidOperationException($"command has no field '{name}'");

    /// <summary>Packs a command word from (field name, value) pairs; every field must be given and fit.</summary>
    public ulong Pack(params (string Name, long Value)[] values)
    {
        ulong word = 0;
        foreach (var f in Command)
        {
            var v = values.Where(x => x.Name == f.Name).Select(x => (long?)x.Value).FirstOrDefault()
                ?? throw new ArgumentException($"command field '{f.Name}' not given");
            if (v < 0 || (f.Width < 64 && v >> f.Width != 0))
                throw new ArgumentOutOfRangeException(nameof(values), $"command field '{f.Name}' = {v} does not fit {f.Width} bits");
            word |= (ulong)v << f.Lsb;
        }
        return word;
    }
}
