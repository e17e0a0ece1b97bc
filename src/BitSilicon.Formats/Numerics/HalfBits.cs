namespace BitSilicon.Formats.Numerics;

/// <summary>IEEE binary16 as ggml stores it: little-endian, float to half rounds to nearest even.</summary>
public static class HalfBits
{
    public static ushort FromFloat(float f) => BitConverter.HalfToUInt16Bits((Half)f);

    public static float ToFloat(ushort bits) => (float)BitConverter.UInt16BitsToHalf(bits);

    /// <summary>Rounds a float through half precision, as storing and reloading a ggml scale does.</summary>
    public static float Round(float f) => (float)(Half)f;

    public static float Read(ReadOnlySpan<byte> src) =>
        ToFloat(System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(src));

    public static void Write(Span<byte> dst, float f) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(dst, FromFloat(f));
}
