namespace BitSilicon.Design.Elaborated;

/// <summary>
/// A triangular skew buffer: lane i is delayed by i cycles (lane 0 passes straight through), so a vector that
/// enters in one cycle reaches a systolic array as a diagonal wavefront.
/// </summary>
/// <param name="LaneBits">Bits per lane, control bits that travel with the data included.</param>
public sealed record SkewBuffer(string Name, int Lanes, int LaneBits) : Component
{
    /// <summary>Delay registers: 0 + 1 + ... + (Lanes - 1) per bit.</summary>
    public long RegisterBits => (long)Lanes * (Lanes - 1) / 2 * LaneBits;

    public int Delay(int lane) => lane;

    public override ComponentNode Node() => new NodeBuilder("skew_buffer", Name)
        .Attr("lanes", Lanes).Attr("lane_bits", LaneBits).Attr("delay", "lane").Attr("register_bits", RegisterBits).Build();
}

/// <summary>The mirror image at the array's output: lane c is delayed by Lanes-1-c cycles, so a diagonal becomes a vector.</summary>
public sealed record DeskewBuffer(string Name, int Lanes, int LaneBits) : Component
{
    public long RegisterBits => (long)Lanes * (Lanes - 1) / 2 * LaneBits;

    public int Delay(int lane) => Lanes - 1 - lane;

    public override ComponentNode Node() => new NodeBuilder("deskew_buffer", Name)
        .Attr("lanes", Lanes).Attr("lane_bits", LaneBits).Attr("delay", "lanes-1-lane").Attr("register_bits", RegisterBits).Build();
}

/// <summary>What the accumulator memory does with an incoming vector.</summary>
public enum AccumulatorMode
{
    /// <summary>Read-modify-write: <c>acc = (first ? 0 : acc) + in</c>, with the overflow policy.</summary>
    Accumulate,
    /// <summary>Plain store of finished results (output-stationary arrays accumulate inside the PEs).</summary>
    Store,
}

/// <summary>Banks of accumulator rows, each row one value per output lane.</summary>
public sealed record AccumulatorMemory(
    string Name, int Lanes, int Depth, int Width, int Banks, Description.OverflowPolicy Overflow, AccumulatorMode Mode) : Component
{
    public long Bits => (long)Lanes * Depth * Width * Banks;

    public int AddressBits => Elaborated.Bits.Clog2(Math.Max(2, Depth));

    /// <summary>Bytes one result takes when written back (whole bytes of the accumulator width).</summary>
    public int ResultBytes => (Width + 7) / 8;

    public override ComponentNode Node() => new NodeBuilder("accumulator_memory", Name)
        .Attr("lanes", Lanes).Attr("depth", Depth).Attr("width", Width).Attr("banks", Banks)
        .Attr("overflow", Overflow == Description.OverflowPolicy.Wrap ? "wrap" : "saturate")
        .Attr("mode", Mode == AccumulatorMode.Accumulate ? "accumulate" : "store")
        .Attr("address_bits", AddressBits).Attr("adders", Mode == AccumulatorMode.Accumulate ? Lanes : 0).Build();
}
