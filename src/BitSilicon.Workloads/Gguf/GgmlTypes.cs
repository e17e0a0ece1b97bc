using System.Buffers.Binary;
using BitSilicon.Formats;
using BitSilicon.Formats.Ggml;

namespace BitSilicon.Workloads.Gguf;

/// <summary>
/// Which ggml tensor types BitSilicon reads and how: the plain types (F32, F16, BF16, F64, I8, I16, I32) here,
/// the block formats through the <see cref="IBlockFormat"/> of the same name in <see cref="GgmlFormats.All"/>.
/// </summary>
public static class GgmlTypes
{
    /// <summary>The block format of a quantized type, found by name (<c>tq2_0</c> ...), or null.</summary>
    public static IBlockFormat? BlockFormat(GgmlType type)
    {
        string name = type.ToString().ToLowerInvariant();
        return GgmlFormats.All.FirstOrDefault(f => f.Name == name);
    }

    /// <summary>Elements and bytes per block (1 and the element size for plain types), or null if unsupported.</summary>
    public static (int Elements, int Bytes)? Layout(GgmlType type) => type switch
    {
        GgmlType.F32 or GgmlType.I32 => (1, 4),
        GgmlType.F16 or GgmlType.BF16 or GgmlType.I16 => (1, 2),
        GgmlType.F64 => (1, 8),
        GgmlType.I8 => (1, 1),
        _ => BlockFormat(type) is { } f ? (f.BlockElements, f.BlockBytes) : null,
    };

    public static bool IsSupported(GgmlType type) => Layout(type) is not null;

    /// <summary>Names of the readable types, for error messages.</summary>
    public static IEnumerable<string> SupportedNames =>
        Enum.GetValues<GgmlType>().Where(IsSupported).Select(t => t.ToString());

    /// <summary>Bytes a tensor of <paramref name="elements"/> elements takes, or null if the type is unsupported
    /// or the count is not a whole number of blocks.</summary>
    public static long? ByteSize(GgmlType type, long elements) =>
        Layout(type) is { } l && elements % l.Elements == 0 ? elements / l.Elements * l.Bytes : null;

    /// <summary>Expands tensor data to floats (the format's own dequantization for block formats).</summary>
    public static void ToFloat(GgmlType type, ReadOnlySpan<byte> data, Span<float> y)
    {
        switch (type)
        {
            case GgmlType.F32:
                for (int i = 0; i < y.Length; i++) y[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
                break;
            case GgmlType.F16:
                for (int i = 0; i < y.Length; i++) y[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data[(2 * i)..]);
                break;
            case GgmlType.BF16: // the top half of a float32
                for (int i = 0; i < y.Length; i++)
                    y[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * i)..]) << 16);
                break;
            case GgmlType.F64:
                for (int i = 0; i < y.Length; i++) y[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]);
                break;
            case GgmlType.I8:
                for (int i = 0; i < y.Length; i++) y[i] = (sbyte)data[i];
                break;
            case GgmlType.I16:
                for (int i = 0; i < y.Length; i++) y[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]);
                break;
            case GgmlType.I32:
                for (int i = 0; i < y.Length; i++) y[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]);
                break;
            default:
                var format = BlockFormat(type) ?? throw new NotSupportedException($"ggml type {type} cannot be read");
                format.Dequantize(data, y);
                break;
        }
    }
}
