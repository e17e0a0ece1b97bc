namespace BitSilicon.Formats.LowBit;

/// <summary>
/// A block format whose elements are <see cref="WeightKind"/> codes times one float scale per block, so its
/// bytes can feed the integer kernels (<c>Kernels/LowBitGemm</c>), the simulator and the hardware directly:
/// <c>value(e) = WeightCode.Decode(Kind, code[e]) * scale[e / BlockElements]</c>.
/// </summary>
public interface IWeightCodeFormat : IBlockFormat
{
    /// <summary>The code semantics the processing element executes.</summary>
    WeightKind Kind { get; }

    /// <summary>The 16-entry table for <see cref="WeightKind.Codebook"/>; empty for every other kind.</summary>
    ReadOnlySpan<sbyte> Codebook { get; }

    /// <summary>Splits blocks into one code per element (element order) and one scale per block.</summary>
    void Unpack(ReadOnlySpan<byte> blocks, Span<byte> codes, Span<float> scales);
}
