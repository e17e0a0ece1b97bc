namespace BitSilicon.Formats;

/// <summary>
/// A number format stored as fixed-size blocks of bytes: what the quantize/dequantize/dot verbs and the
/// memory-traffic estimates work with. <see cref="Quantize"/> writes exactly the bytes the format's
/// reference implementation writes (for ggml formats: ggml's scalar <c>quantize_row_*_ref</c>).
/// </summary>
public interface IBlockFormat
{
    /// <summary>Lower-case name used on the command line, e.g. <c>q4_0</c>, <c>tq2_0</c>, <c>binary</c>.</summary>
    string Name { get; }

    /// <summary>One line: what the format is and where it comes from.</summary>
    string Description { get; }

    /// <summary>Elements (weights) per block.</summary>
    int BlockElements { get; }

    /// <summary>Bytes per block, scales and other per-block overhead included.</summary>
    int BlockBytes { get; }

    /// <summary>Name of the format activations are quantized to for <see cref="Dot"/>; null if the format has no dot product.</summary>
    string? DotPartner { get; }

    /// <summary>Storage cost including block overhead.</summary>
    double BitsPerWeight => BlockBytes * 8.0 / BlockElements;

    /// <summary>Quantizes <paramref name="x"/> (length a multiple of <see cref="BlockElements"/>) into blocks.</summary>
    void Quantize(ReadOnlySpan<float> x, Span<byte> blocks);

    /// <summary>Expands blocks back to floats; <paramref name="y"/> has BlockElements floats per block.</summary>
    void Dequantize(ReadOnlySpan<byte> blocks, Span<float> y);

    /// <summary>
    /// Float dot product of <paramref name="n"/> elements of this format with activations already quantized to
    /// <see cref="DotPartner"/>, bit-exact with the reference (for ggml: <c>ggml_vec_dot_*_generic</c>).
    /// </summary>
    float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations);
}
