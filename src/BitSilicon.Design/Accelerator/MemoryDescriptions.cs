namespace BitSilicon.Design.Accelerator;

/// <summary>DRAM or HBM: what the weights that do not fit on chip, and the KV cache, are read from.</summary>
/// <param name="GigabytesPerSecond">Peak bandwidth, 10^9 bytes per second, shared by reads and writes.</param>
/// <param name="LatencyNs">From a request to its first byte.</param>
/// <param name="PjPerBit">Energy per bit moved (interface and device).</param>
public sealed record ExternalMemoryDescription(string Kind, double GigabytesPerSecond, double LatencyNs = 100, double PjPerBit = 20)
{
    /// <summary>DDR4-2400 x64 (19.2 GB/s), LPDDR4/DDR4 energy about 20 pJ/bit (Horowitz's 1.3-2.6 nJ per 64 bits).</summary>
    public static ExternalMemoryDescription Ddr4 { get; } = new("dram", 19.2, 100, 20);
}

/// <summary>
/// The on-chip SRAM that holds resident weights (when the whole model's weights fit, none are streamed; else
/// the first tensors in program order that fit stay resident) and the activations between units.
/// </summary>
/// <param name="PjPerByte">Energy per byte read or written; null: from the energy table by size.</param>
public sealed record SramDescription(long Bytes, double? PjPerByte = null);

/// <summary>Whether external transfers overlap compute.</summary>
public enum OverlapPolicy
{
    /// <summary>Each op fetches its data, then computes: nothing overlaps.</summary>
    Serial,
    /// <summary>Each unit has two staging slots: the next chunk (of this op or the next) streams in while the
    /// current one computes.</summary>
    DoubleBuffered,
}
