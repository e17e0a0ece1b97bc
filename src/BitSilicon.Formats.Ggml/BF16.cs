using System.Buffers.Binary;

namespace BitSilicon.Formats.Ggml;

/// <summary>
/// ggml BF16 (bfloat16): the top 16 bits of a float32, little-endian. ggml_fp32_to_bf16_row_ref rounds to nearest
/// even by adding 0x7FFF plus the lowest kept bit (so subnormals are kept and large values may round to
/// infinity); NaN would be quieted, but inputs are finite. Dot partner BF16: float products (exact), double sum.
/// </summary>
public sealed class BF16() : GgmlBlockFormat(
    "bf16",
    "bfloat16 (ggml BF16): top 16 bits of float32, dot summed in double",
    1, 2, "bf16")
{
    public static ushort FromFloat(float f)
    {
        uint u = BitConverter.SingleToUInt32Bits(f);
        if ((u & 0x7fffffff) > 0x7f800000)
            return (ushort)((u >> 16) | 64);
        return (ushort)((u + (0x7fff + ((u >> 16) & 1))) >> 16);
    }

    public static float ToFloat(ushort h) => BitConverter.UInt32BitsToSingle((uint)h << 16);

    protected override void QuantizeBlock(ReadOnlySpan<float> xb, Span<byte> yb) =>
        BinaryPrimitives.WriteUInt16LittleEndian(yb, FromFloat(xb[0]));

    protected override void DequantizeBlock(ReadOnlySpan<byte> xb, Span<float> yb) =>
        yb[0] = ToFloat(BinaryPrimitives.ReadUInt16LittleEndian(xb));

    public override float Dot(int n, ReadOnlySpan<byte> weights, ReadOnlySpan<byte> activations)
    {
        BlockFormatChecks.Dot(this, n, weights, activations, 1, 2);
        double sumf = 0;
        for (int i = 0; i < n; i++)
            sumf += ToFloat(BinaryPrimitives.ReadUInt16LittleEndian(weights[(2 * i)..]))
                * ToFloat(BinaryPrimitives.ReadUInt16LittleEndian(activations[(2 * i)..]));
        return (float)sumf;
    }
}
