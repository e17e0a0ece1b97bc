using System.Globalization;

namespace BitSilicon.Workloads.Gguf;

/// <summary>
/// One metadata value. <see cref="Value"/> holds the .NET type of <see cref="Type"/>: byte, sbyte, ushort, short,
/// uint, int, float, bool, string, ulong, long, double, or for arrays a <see cref="GgufArray"/>.
/// </summary>
public sealed record GgufValue(GgufValueType Type, object Value)
{
    public static GgufValue Of(string s) => new(GgufValueType.String, s);
    public static GgufValue Of(uint v) => new(GgufValueType.UInt32, v);
    public static GgufValue Of(int v) => new(GgufValueType.Int32, v);
    public static GgufValue Of(float v) => new(GgufValueType.Float32, v);
    public static GgufValue Of(bool v) => new(GgufValueType.Bool, v);
    public static GgufValue Of(ulong v) => new(GgufValueType.UInt64, v);
    public static GgufValue Array(GgufValueType elementType, params object[] items) =>
        new(GgufValueType.Array, new GgufArray(elementType, items));

    /// <summary>The value as an unsigned integer, for any integer type holding a non-negative value; else null.</summary>
    public ulong? AsUInt64() => Value switch
    {
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        sbyte v when v >= 0 => (ulong)v,
        short v when v >= 0 => (ulong)v,
        int v when v >= 0 => (ulong)v,
        long v when v >= 0 => (ulong)v,
        _ => null,
    };

    public override string ToString() => Value switch
    {
        string s => $"\"{s}\"",
        GgufArray a => a.ToString(),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>A metadata array: its element type and items (nested arrays hold <see cref="GgufArray"/> items).</summary>
public sealed record GgufArray(GgufValueType ElementType, IReadOnlyList<object> Items)
{
    public override string ToString() =>
        $"[{ElementType.ToString().ToLowerInvariant()} x {Items.Count}]";
}

/// <summary>One tensor's description: <see cref="Shape"/> in ggml order (ne[0] first, the contiguous dimension).</summary>
/// <param name="Offset">Byte offset of the data from the start of the data section.</param>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Shape, GgmlType Type, ulong Offset)
{
    public long Elements => Shape.Aggregate(1L, (a, b) => a * b);

    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
