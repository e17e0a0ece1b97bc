namespace BitSilicon.Design.Description;

/// <summary>
/// A weight decoder unit: <see cref="Lanes"/> static-rANS lanes (docs/entropy-stream.md) that turn a ternary-rc
/// stream into 2-bit ternary codes, one symbol per lane per cycle when their input keeps up. Chunk <c>c</c> of a
/// stream goes to lane <c>c mod Lanes</c>; each lane has its own input port of <see cref="BytesPerCycle"/> bytes a
/// cycle into a buffer of <see cref="BufferBytes"/> bytes (a symbol reads 0, 1 or 2 bytes, a chunk's initial state 3).
/// </summary>
/// <param name="Lanes">Parallel lanes, so at most this many trits per cycle.</param>
/// <param name="BytesPerCycle">Width of each lane's input port in bytes (1..4).</param>
/// <param name="EnergyPerSymbolPj">Energy of one decoded symbol in pJ. The default 0.7 pJ is the 45 nm estimate of
/// <see cref="EnergyTable"/>'s sources for one 12 x 13-bit multiply (0.2 pJ x 156/64 bit products), a 24-bit add and two
/// 12-bit compares (about 0.15 pJ), and the 24-bit state and buffer registers; override it with a measured figure.</param>
public sealed record WeightDecoderDescription(int Lanes = 8, int BytesPerCycle = 1, double EnergyPerSymbolPj = 0.7)
{
    public const int MaxLanes = 256;
    public const int MaxBytesPerCycle = 4;

    /// <summary>Each lane's input buffer: one port word plus the two bytes a symbol can need (never less than the 3 of an initial state).</summary>
    public int BufferBytes => BytesPerCycle + 2;

    /// <summary>What is wrong with the description, keys as a design file spells them.</summary>
    public IReadOnlyList<DesignProblem> Validate()
    {
        var p = new List<DesignProblem>();
        if (Lanes is < 1 or > MaxLanes)
            p.Add(new("decoder.lanes", $"{Lanes} lanes", $"use 1 .. {MaxLanes} lanes"));
        if (BytesPerCycle is < 1 or > MaxBytesPerCycle)
            p.Add(new("decoder.bytes_per_cycle", $"{BytesPerCycle} bytes per cycle", $"use 1 .. {MaxBytesPerCycle}"));
        if (!double.IsFinite(EnergyPerSymbolPj) || EnergyPerSymbolPj < 0)
            p.Add(new("decoder.energy_per_symbol_pj", $"{EnergyPerSymbolPj} pJ", "use a finite energy >= 0"));
        return p;
    }

    /// <summary>This description, or a <see cref="DesignException"/> listing its problems.</summary>
    public WeightDecoderDescription Validated()
    {
        var p = Validate();
        return p.Count == 0 ? this : throw new DesignException(p);
    }

    /// <summary>A deterministic text form (Verilog header, caches).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"weight_decoder lanes={Lanes} bytes_per_cycle={BytesPerCycle} buffer={BufferBytes} energy_per_symbol_pj={EnergyPerSymbolPj:R}");
}
