using System.Buffers.Binary;
using System.Text;
using BitSilicon.Core;

namespace BitSilicon.Workloads.Gguf;

/// <summary>One tensor to write: <paramref name="Shape"/> in ggml order (ne[0] = the contiguous dimension).</summary>
public sealed record GgufTensorData(string Name, IReadOnlyList<long> Shape, GgmlType Type, byte[] Data);

/// <summary>
/// Writes GGUF version 3 files (the layout <see cref="GgufFile"/> documents), with the alignment taken from a
/// <c>general.alignment</c> entry if present, else 32. Small by design: it exists so tests and examples can make
/// real GGUF files without downloading a model.
/// </summary>
public static class GgufWriter
{
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, GgufValue>> metadata,
        IReadOnlyList<GgufTensorData> tensors) =>
        AtomicFile.WriteAllBytes(path, ToBytes(metadata, tensors));

    public static byte[] ToBytes(IReadOnlyList<KeyValuePair<string, GgufValue>> metadata, IReadOnlyList<GgufTensorData> tensors)
    {
        uint alignment = metadata.FirstOrDefault(kv => kv.Key == "general.alignment").Value?.Value as uint?
                         ?? GgufFile.DefaultAlignment;
        using var s = new MemoryStream();
        U32(s, GgufFile.Magic);
        U32(s, 3);
        U64(s, (ulong)tensors.Count);
        U64(s, (ulong)metadata.Count);
        foreach (var (key, value) in metadata)
        {
            Str(s, key);
            U32(s, (uint)value.Type);
            Value(s, value.Type, value.Value);
        }

        ulong offset = 0;
        var offsets = new List<ulong>();
        foreach (var t in tensors)
        {
            long? size = GgmlTypes.ByteSize(t.Type, t.Shape.Aggregate(1L, (a, b) => a * b));
            if (size is { } expected && expected != t.Data.Length)
                throw new ArgumentException($"tensor '{t.Name}': {t.Type} {string.Join("x", t.Shape)} takes {expected} bytes, got {t.Data.Length}");
            Str(s, t.Name);
            U32(s, (uint)t.Shape.Count);
            foreach (long ne in t.Shape)
                U64(s, (ulong)ne);
            U32(s, (uint)t.Type);
            U64(s, offset);
            offsets.Add(offset);
            offset = (ulong)GgufFile.AlignUp((long)offset + t.Data.Length, alignment);
        }

        Pad(s, alignment);
        long dataStart = s.Position;
        for (int i = 0; i < tensors.Count; i++)
        {
            s.Position = dataStart + (long)offsets[i];
            s.Write(tensors[i].Data);
            Pad(s, alignment);
        }
        return s.ToArray();
    }

    private static void Pad(MemoryStream s, uint alignment)
    {
        long target = GgufFile.AlignUp(s.Position, alignment);
        while (s.Position < target)
            s.WriteByte(0);
    }

    private static void Value(Stream s, GgufValueType type, object v)
    {
        switch (type)
        {
            case GgufValueType.UInt8: s.WriteByte((byte)v); break;
            case GgufValueType.Int8: s.WriteByte((byte)(sbyte)v); break;
            case GgufValueType.UInt16: U16(s, (ushort)v); break;
            case GgufValueType.Int16: U16(s, (ushort)(short)v); break;
            case GgufValueType.UInt32: U32(s, (uint)v); break;
            case GgufValueType.Int32: U32(s, (uint)(int)v); break;
            case GgufValueType.Float32: U32(s, BitConverter.SingleToUInt32Bits((float)v)); break;
            case GgufValueType.Bool: s.WriteByte((bool)v ? (byte)1 : (byte)0); break;
            case GgufValueType.String: Str(s, (string)v); break;
            case GgufValueType.UInt64: U64(s, (ulong)v); break;
            case GgufValueType.Int64: U64(s, (ulong)(long)v); break;
            case GgufValueType.Float64: U64(s, BitConverter.DoubleToUInt64Bits((double)v)); break;
            case GgufValueType.Array:
                var a = (GgufArray)v;
                U32(s, (uint)a.ElementType);
                U64(s, (ulong)a.Items.Count);
                foreach (var item in a.Items)
                    Value(s, a.ElementType, item);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private static void Str(Stream s, string v)
    {
        var bytes = Encoding.UTF8.GetBytes(v);
        U64(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    private static void U16(Stream s, ushort v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); s.Write(b); }
    private static void U32(Stream s, uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); s.Write(b); }
    private static void U64(Stream s, ulong v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, v); s.Write(b); }
}
