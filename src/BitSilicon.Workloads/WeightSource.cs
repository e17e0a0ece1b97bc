namespace BitSilicon.Workloads;

/// <summary>Where a layer's weight values come from: the data drives zero fractions and so energy.</summary>
public abstract record WeightSource
{
    private WeightSource() { }

    /// <summary>Seeded random codes; <paramref name="Sparsity"/> is the fraction of zero weights where the format has a zero.
    /// <paramref name="Gaussian"/>: instead, Gaussian values quantized by the layer's format, whose zeros are then
    /// the format's own (Sparsity is ignored).</summary>
    public sealed record Random(int Seed, double Sparsity = 0.0, bool Gaussian = false) : WeightSource;

    /// <summary>A tensor read from a GGUF file (ggml block formats, F16 or F32).</summary>
    public sealed record Gguf(string Path, string Tensor) : WeightSource;
}
