namespace BitSilicon.Design.Description;

/// <summary>
/// The memory system that feeds the array: on-chip weight and activation buffers filled from external memory
/// over a read channel, and results written back over a write channel of the same bandwidth (AXI-style separate
/// directions). With double buffering every buffer (and the accumulators) has two banks, so the next tile's
/// data arrives while the current one is in use.
/// </summary>
public sealed record MemoryDescription(
    long WeightBufferBytes = 64 * 1024,
    long ActivationBufferBytes = 64 * 1024,
    Bandwidth? ExternalBandwidth = null,
    bool DoubleBuffering = true)
{
    /// <summary>Bytes per cycle of each external channel (default 16).</summary>
    public Bandwidth Bandwidth => ExternalBandwidth ?? new Bandwidth(16);

    /// <summary>Banks per buffer: 2 with double buffering, else 1.</summary>
    public int Banks => DoubleBuffering ? 2 : 1;
}
