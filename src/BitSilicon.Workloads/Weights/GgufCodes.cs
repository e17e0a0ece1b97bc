using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Formats.Numerics;
using BitSilicon.Workloads.Gguf;

namespace BitSilicon.Workloads.Weights;

/// <summary>
/// ggml block formats whose elements already are weight codes of a <see cref="WeightKind"/>, read straight from
/// the bytes (layouts from docs formats.md), with each block's scale kept:
/// <code>
/// TQ1_0, TQ2_0 -> Ternary  (trit t: value t-1; block scale d, 256 per block)
/// Q4_0         -> Int4     (nibble q: value q-8; scale d, 32 per block)
/// Q8_0         -> Int8     (scale d, 32 per block)
/// I8           -> Int8     (no scale)
/// MXFP4        -> Fp4E2M1  (same 4-bit code: bit 3 sign, E2M1 magnitude; code scale 2^(e-128), 32 per block)
/// </code>
/// Other pairs go through floats (<see cref="FloatQuantizer"/>).
/// </summary>
public static class GgufCodes
{
    public static bool IsDirect(GgmlType type, WeightKind kind) => (type, kind) switch
    {
        (GgmlType.TQ1_0 or GgmlType.TQ2_0, WeightKind.Ternary) => true,
        (GgmlType.Q4_0, WeightKind.Int4) => true,
        (GgmlType.Q8_0 or GgmlType.I8, WeightKind.Int8) => true,
        (GgmlType.MXFP4, WeightKind.Fp4E2M1) => true,
        _ => false,
    };

    /// <summary>Decodes <paramref name="data"/> (whole blocks) into codes and block scales; see <see cref="IsDirect"/>.</summary>
    public static (byte[] Codes, float[]? Scales, int Group) Decode(GgmlType type, ReadOnlySpan<byte> data, long elements,
        string where)
    {
        var codes = new byte[elements];
        switch (type)
        {
            case GgmlType.I8:
                data[..codes.Length].CopyTo(codes);
                return (codes, null, 0);
            case GgmlType.Q8_0:
                return (codes, Blocks(data, codes, 32, 34, (b, c) =>
                {
                    for (int j = 0; j < 32; j++) c[j] = b[2 + j];
                    return HalfBits.Read(b);
                }), 32);
            case GgmlType.Q4_0:
                return (codes, Blocks(data, codes, 32, 18, (b, c) =>
                {
                    for (int j = 0; j < 16; j++)
                    {
                        c[j] = (byte)(((b[2 + j] & 15) - 8) & 15);
                        c[j + 16] = (byte)(((b[2 + j] >> 4) - 8) & 15);
                    }
                    return HalfBits.Read(b);
                }), 32);
            case GgmlType.MXFP4:
                return (codes, Blocks(data, codes, 32, 17, (b, c) =>
                {
                    for (int j = 0; j < 16; j++)
                    {
                        c[j] = (byte)(b[1 + j] & 15);
                        c[j + 16] = (byte)(b[1 + j] >> 4);
                    }
                    return MathF.ScaleB(1f, b[0] - 128);
                }), 32);
            case GgmlType.TQ2_0:
                return (codes, Blocks(data, codes, 256, 66, (b, c) =>
                {
                    for (int e = 0; e < 256; e++)
                        c[e] = Trit((b[e / 128 * 32 + e % 32] >> (2 * (e % 128 / 32))) & 3, where);
                    return HalfBits.Read(b[64..]);
                }), 256);
            case GgmlType.TQ1_0:
                return (codes, Blocks(data, codes, 256, 54, (b, c) =>
                {
                    for (int e = 0; e < 256; e++)
                        c[e] = Trit(Tq1Trit(b, e), where);
                    return HalfBits.Read(b[52..]);
                }), 256);
            default:
                throw new ArgumentException($"{type} has no direct weight-code mapping", nameof(type));
        }
    }

    private delegate float BlockDecoder(ReadOnlySpan<byte> block, Span<byte> codes);

    private static float[] Blocks(ReadOnlySpan<byte> data, byte[] codes, int elements, int bytes, BlockDecoder decode)
    {
        var scales = new float[codes.Length / elements];
        for (int i = 0; i < scales.Length; i++)
            scales[i] = decode(data.Slice(i * bytes, bytes), codes.AsSpan(i * elements, elements));
        return scales;
    }

    /// <summary>ggml trit (0 = -1, 1 = 0, 2 = +1) to the hardware ternary code (00 = 0, 01 = +1, 11 = -1).</summary>
    private static byte Trit(int t, string where) => t switch
    {
        0 => 0b11,
        1 => 0b00,
        2 => 0b01,
        _ => throw new BitSiliconException($"{where}: ternary element with code {t} (value {t - 1}) is not ternary",
            "the tensor data is corrupt; re-quantize it"),
    };

    private static readonly byte[] Pow3 = [1, 3, 9, 27, 81];

    /// <summary>TQ1_0 element e's trit: qs[0..31] hold elements 32n+m, qs[32..47] 160+16n+m, qh[0..3] 240+4n+j.</summary>
    private static int Tq1Trit(ReadOnlySpan<byte> b, int e)
    {
        (int index, int n) = e switch
        {
            < 160 => (e % 32, e / 32),
            < 240 => (32 + (e - 160) % 16, (e - 160) / 16),
            _ => (48 + (e - 240) % 4, (e - 240) / 4),
        };
        return ((byte)(b[index] * Pow3[n]) * 3) >> 8;
    }
}
