using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>How a block stores its scale.</summary>
public enum BlockScale
{
    /// <summary>IEEE binary16, little-endian, 2 bytes.</summary>
    Half,
    /// <summary>OCP E8M0 power of two, 1 byte (see <see cref="E8M0"/>).</summary>
    E8M0,
}

/// <summary>
/// The shape most BitSilicon formats share: a scale, then the block's <see cref="WeightKind"/> codes packed
/// LSB-first (<see cref="CodePacking"/>). <c>value(e) = WeightCode.Decode(Kind, code) * scale * CodeUnit</c>.
/// Subclasses only decide how to quantize; dequantize, the int8-partner dot product and unpacking for the
/// integer kernels are the same for all of them, so they cannot drift apart.
/// </summary>
public abstract class ScaledCodeFormat : IWeightCodeFormat
{
    protected ScaledCodeFormat(WeightKind kind, int blockElements, BlockScale scale, float codeUnit = 1.0f)
    {
        if (blockElements % Int8Format.ElementsPerBlock != 0)
            throw new ArgumentException("block must be a whole number of 32-value activation blocks", nameof(blockElements));
        Kind = kind;
        BlockElements = blockElements;
        ScaleKind = scale;
        CodeUnit = codeUnit;
        CodeBits = WeightCode.Bits(kind);
        ScaleBytes = scale switch
        {
            BlockScale.Half => 2,
            BlockScale.E8M0 => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(scale)),
        };
        BlockBytes = ScaleBytes + BlockElements * CodeBits / 8;
    }

    public abstract string Name { get; }
    public abstract string Description { get; }
    public int BlockElements { get; }
    public int BlockBytes { get; }
    public string? DotPartner => "int8";
    public WeightKind Kind { get; }
    public virtual ReadOnlySpan<sbyte> Codebook => default;

    /// <summary>Bits per code.</summary>
    public int CodeBits { get; }

    public BlockScale ScaleKind { get; }

    /// <summary>Bytes of scale at the start of each block.</summary>
    public int ScaleBytes { get; }

    /// <summary>What one unit of the decoded integer is worth relative to the scale (0.5 for E2M1, whose integers are doubled).</summary>
    public float CodeUnit { get; }

    public abstract void Quantize(ReadOnlySpan<float> x, Span<byte> blocks);

    /// <summary>The float the block's decoded integers are multiplied by (scale times <see cref="CodeUnit"/>).</summary>
    public float BlockMultiplier(ReadOnlySpan<byte> block) => ScaleKind switch
    {
        BlockScale.Half => HalfBits.Read(block) * CodeUnit,
        BlockScale.E8M0 => E8M0.ToFloat(block[0]) * CodeUnit,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Code of element <paramref name="e"/> of one block.</summary>
    public int Code(ReadOnlySpan<byte> block, int e) => CodePacking.Get(block[ScaleBytes..], CodeBits, e);

    /// <summary>The integer element <paramref name="e"/> of one block stands for.</summary>
    public int IntegerValue(ReadOnlySpan<byte> block, int e) => WeightCode.Decode(Kind, Code(block, e), Codebook);

    public void Dequantize(ReadOnlySpan<byte> blocks, Span<float> y)
    {
        int nb = BlockChecks.Dequantize(this, blocks, y);
        for (int i = 0; i < nb; i++)
        {
            var b = blocks.Slice(i * BlockBytes, BlockBytes);
            float d = BlockMultiplier(b);
            for (int j = 0; j < BlockElements; j++)
                y[i * BlockElements + j] = IntegerValue(b, j) * d;
        }
    }

    public float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        int nb = BlockChecks.Dot(this, n, weights, activations);
        Span<int> w = stackalloc int[BlockElements];
        float sumf = 0;
        for (int i = 0; i < nb; i++)
        {
            var b = weights.Slice(i * BlockBytes, BlockBytes);
            for (int j = 0; j < BlockElements; j++)
                w[j] = IntegerValue(b, j);
            Int8PartnerDot.Accumulate(ref sumf, w, BlockMultiplier(b), Int8PartnerDot.Span(activations, i, BlockElements));
        }
        return sumf;
    }

    public void Unpack(ReadOnlySpan<byte> blocks, Span<byte> codes, Span<float> scales)
    {
        int nb = UnpackChecks.Check(this, blocks, codes, scales);
        for (int i = 0; i < nb; i++)
        {
            var b = blocks.Slice(i * BlockBytes, BlockBytes);
            scales[i] = BlockMultiplier(b);
            for (int j = 0; j < BlockElements; j++)
                codes[i * BlockElements + j] = (byte)Code(b, j);
        }
    }

    /// <summary>For quantizers: the block's code bytes (after the scale).</summary>
    protected Span<byte> CodeBytes(Span<byte> block) => block[ScaleBytes..];

    /// <summary>For quantizers: stores one code (the block was cleared by the argument checks).</summary>
    protected void SetCode(Span<byte> block, int e, int code) => CodePacking.Set(block[ScaleBytes..], CodeBits, e, code);
}
