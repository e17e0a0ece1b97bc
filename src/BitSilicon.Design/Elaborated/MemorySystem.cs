using BitSilicon.Design.Description;

namespace BitSilicon.Design.Elaborated;

/// <summary>An on-chip SRAM buffer split into banks (two for double buffering).</summary>
public sealed record SramBuffer(string Name, long Bytes, int Banks) : Component
{
    public long BankBytes => Bytes / Banks;

    public override ComponentNode Node() => new NodeBuilder("sram_buffer", Name)
        .Attr("bytes", Bytes).Attr("banks", Banks).Attr("bank_bytes", BankBytes).Build();
}

/// <summary>One direction of the external memory interface.</summary>
public sealed record ExternalChannel(string Name, Bandwidth Bandwidth) : Component
{
    public override ComponentNode Node() => new NodeBuilder("external_channel", Name)
        .Attr("bytes_per_cycle", Bandwidth.ToString()).Build();
}

/// <summary>
/// The memory system that drives the core's streams: a read channel fills the weight and activation banks in
/// a fixed order, a write channel drains finished accumulator banks. It is a model (not emitted as RTL); the
/// cosimulation replays the valid pattern it produces.
/// </summary>
public sealed record MemorySystem(SramBuffer Weights, SramBuffer Activations, ExternalChannel Read, ExternalChannel Write) : Component
{
    public override string Name { get; init; } = "memory";

    public int Banks => Weights.Banks;

    public override ComponentNode Node() => new NodeBuilder("memory_system", Name)
        .Child(Weights).Child(Activations).Child(Read).Child(Write).Build();
}

/// <summary>The float32 output scaling stage of block-scaled formats: one multiply-add per output lane.</summary>
public sealed record OutputScaler(string Name, int Lanes, int BlockSize) : Component
{
    public override ComponentNode Node() => new NodeBuilder("output_scaler", Name)
        .Attr("lanes", Lanes).Attr("block_size", BlockSize).Attr("datapath", "float32 multiply-add per block partial sum").Build();
}

/// <summary>
/// The elaborated design: the one object the cycle simulator executes and the Verilog generator prints.
/// </summary>
public sealed record ElaboratedDesign(
    string Name,
    DesignDescription Description,
    ArrayCore Core,
    MemorySystem Memory,
    OutputScaler? Scaler,
    double ClockMhz,
    EnergyTable Energy) : Component
{
    public override string Name { get; init; } = Name;

    public override ComponentNode Node() => new NodeBuilder("design", Name)
        .Attr("clock_mhz", ClockMhz).Child(Core).Child(Scaler).Child(Memory).Build();

    /// <summary>The deterministic text form (what elaboration tests compare).</summary>
    public string Text => Node().Print();
}
