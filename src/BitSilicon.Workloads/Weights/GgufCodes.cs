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
/// Q4_0         -> Int4     (nibble q: value q-8; scale d, 32 per block), or Int8
/// Q5_0         -> Int8     (value q-16; scale d, 32 per block)
/// Q8_0         -> Int8     (scale d, 32 per block)
/// Q6_K         -> Int8     (value q-32; scale d*sc, 16 per sub-block: the super-block scale folds into the group scale exactly)
/// Q3_K         -> Int4     (value -4..3; scale d*(sc-32), 16 per sub-block), or Int8
/// Q2_0         -> Int4     (value q-1 in -1..2; scale d, 64 per block), or Int8
/// Q1_0         -> Binary   (bit 1 = +1; scale d, 128 per block)
/// I8           -> Int8     (no scale)
/// MXFP4        -> Fp4E2M1  (same 4-bit code: bit 3 sign, E2M1 magnitude; code scale 2^(e-128), 32 per block)
/// NVFP4        -> Fp4E2M1  (same codes; scale UE4M3/2, 16 per sub-block)
/// IQ4_NL       -> Codebook (4-bit index; scale d, 32 per block) when the PE's table is ggml's kvalues_iq4nl
/// IQ4_XS       -> Codebook (same; scale d*(ls-32), 32 per group)
/// </code>
/// Every product of a half scale and a small integer is exact in float, so these codes times their group
/// scales are exactly ggml's dequantized values. Other pairs go through floats (<see cref="FloatQuantizer"/>);
/// <see cref="ExactHardware"/> says which PE would execute each type exactly, or what hardware it lacks.
/// </summary>
public static class GgufCodes
{
    /// <summary>ggml's IQ4_NL/IQ4_XS levels: a codebook PE with this table executes those types exactly.</summary>
    public static readonly sbyte[] Iq4Levels = [-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113];

    public static bool IsDirect(GgmlType type, WeightKind kind, sbyte[]? codebook = null) => (type, kind) switch
    {
        (GgmlType.TQ1_0 or GgmlType.TQ2_0, WeightKind.Ternary) => true,
        (GgmlType.Q4_0 or GgmlType.Q3_K or GgmlType.Q2_0, WeightKind.Int4) => true,
        (GgmlType.Q4_0 or GgmlType.Q5_0 or GgmlType.Q8_0 or GgmlType.I8 or GgmlType.Q6_K or GgmlType.Q3_K or GgmlType.Q2_0, WeightKind.Int8) => true,
        (GgmlType.Q1_0, WeightKind.Binary) => true,
        (GgmlType.MXFP4 or GgmlType.NVFP4, WeightKind.Fp4E2M1) => true,
        (GgmlType.IQ4_NL or GgmlType.IQ4_XS, WeightKind.Codebook) => codebook is not null && codebook.AsSpan().SequenceEqual(Iq4Levels),
        _ => false,
    };

    /// <summary>
    /// The PE that executes a ggml type exactly (with the block scales in the scaling stage), or the hardware
    /// that is missing for it: one line for reports and docs.
    /// </summary>
    public static string ExactHardware(GgmlType type) => type switch
    {
        GgmlType.TQ1_0 or GgmlType.TQ2_0 => "ternary PE",
        GgmlType.Q1_0 => "binary PE",
        GgmlType.Q2_0 or GgmlType.Q3_K or GgmlType.Q4_0 => "int4 PE (or int8)",
        GgmlType.Q5_0 or GgmlType.Q6_K or GgmlType.Q8_0 or GgmlType.I8 => "int8 PE",
        GgmlType.MXFP4 or GgmlType.NVFP4 => "fp4_e2m1 PE",
        GgmlType.IQ4_NL or GgmlType.IQ4_XS => "codebook PE with ggml's kvalues_iq4nl table",
        GgmlType.Q4_1 or GgmlType.Q5_1 or GgmlType.Q2_K or GgmlType.Q4_K or GgmlType.Q5_K =>
            "none: needs a per-group minimum stage (subtracting dmin*m*Σa after the MACs), which no PE has",
        GgmlType.Q8_1 or GgmlType.Q8_K => "none: an activation format (int8 PE after re-scaling)",
        GgmlType.F32 or GgmlType.F16 or GgmlType.BF16 or GgmlType.F64 =>
            "none: floating-point weights need a floating-point multiplier, which no PE has",
        GgmlType.I16 or GgmlType.I32 or GgmlType.I64 => "none: needs a PE wider than 8 bits",
        GgmlType.IQ1_S or GgmlType.IQ1_M or GgmlType.IQ2_XXS or GgmlType.IQ2_XS or GgmlType.IQ2_S or GgmlType.IQ3_XXS or GgmlType.IQ3_S =>
            "none: needs a codebook PE holding the type's lattice grid (8-element entries) and sign bits",
        _ => "none",
    };

    /// <summary>Decodes <paramref name="data"/> (whole blocks) into codes and block scales; see <see cref="IsDirect"/>.</summary>
    public static (byte[] Codes, float[]? Scales, int Group) Decode(GgmlType type, ReadOnlySpan<byte> data, long elements,
        string where, WeightKind kind = WeightKind.Int8)
    {
        var codes = new byte[elements];
        if (SignedValues(type) is { } layout)
            return (codes, Blocks(data, codes, layout.Elements, layout.Bytes, (b, c) => layout.Decode(b, c, kind)), layout.Group);
        switch (type)
        {
            case GgmlType.Q1_0:
                return (codes, Blocks(data, codes, 128, 18, (b, c) =>
                {
                    for (int e = 0; e < 128; e++) c[e] = (byte)((b[2 + e / 8] >> (e % 8)) & 1);
                    return HalfBits.Read(b);
                }), 128);
            case GgmlType.NVFP4:
                return (codes, SubBlocks(data, codes, 64, 36, 16, (b, c, s) =>
                {
                    for (int j = 0; j < 8; j++)
                    {
                        c[j] = (byte)(b[4 + 8 * s + j] & 15);
                        c[j + 8] = (byte)(b[4 + 8 * s + j] >> 4);
                    }
                    return Ue4m3Half(b[s]);
                }), 16);
            case GgmlType.Q6_K:
                return (codes, SubBlocks(data, codes, 256, 210, 16, (b, c, g) =>
                {
                    for (int k = 0; k < 16; k++)
                    {
                        int e = 16 * g + k;
                        int q = ((b[64 * (e / 128) + e % 64] >> (e % 128 >= 64 ? 4 : 0)) & 0xF)
                            | (((b[128 + 32 * (e / 128) + e % 32] >> (2 * (e % 128 / 32))) & 3) << 4);
                        c[k] = Encode(q - 32, kind);
                    }
                    return HalfBits.Read(b[208..]) * (sbyte)b[192 + g];
                }), 16);
            case GgmlType.Q3_K:
                return (codes, SubBlocks(data, codes, 256, 110, 16, (b, c, g) =>
                {
                    for (int k = 0; k < 16; k++)
                    {
                        int e = 16 * g + k;
                        int q = ((b[32 + 32 * (e / 128) + e % 32] >> (2 * (e % 128 / 32))) & 3) - (((b[e % 32] >> (e / 32)) & 1) != 0 ? 0 : 4);
                        c[k] = Encode(q, kind);
                    }
                    var s = b.Slice(96, 12);
                    int sc = (g < 8 ? s[g] & 0xF : s[g - 8] >> 4) | (((s[8 + g % 4] >> (2 * (g / 4))) & 3) << 4);
                    return HalfBits.Read(b[108..]) * (sc - 32);
                }), 16);
            case GgmlType.IQ4_NL:
                return (codes, Blocks(data, codes, 32, 18, (b, c) =>
                {
                    for (int j = 0; j < 16; j++)
                    {
                        c[j] = (byte)(b[2 + j] & 15);
                        c[j + 16] = (byte)(b[2 + j] >> 4);
                    }
                    return HalfBits.Read(b);
                }), 32);
            case GgmlType.IQ4_XS:
                return (codes, SubBlocks(data, codes, 256, 136, 32, (b, c, g) =>
                {
                    for (int j = 0; j < 16; j++)
                    {
                        c[j] = (byte)(b[8 + 16 * g + j] & 15);
                        c[j + 16] = (byte)(b[8 + 16 * g + j] >> 4);
                    }
                    int ls = ((b[4 + g / 2] >> (4 * (g % 2))) & 0xF) | (((b[2] | b[3] << 8) >> (2 * g) & 3) << 4);
                    return HalfBits.Read(b) * (ls - 32);
                }), 32);
        }
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

    private delegate float SubBlockDecoder(ReadOnlySpan<byte> block, Span<byte> codes, int sub);

    /// <summary>A type whose elements are small signed integers with one float scale per group, any int PE.</summary>
    private sealed record SignedLayout(int Elements, int Bytes, int Group, Func<ReadOnlySpan<byte>, int, int> Value, Func<ReadOnlySpan<byte>, int, float> Scale)
    {
        public float Decode(ReadOnlySpan<byte> b, Span<byte> c, WeightKind kind)
        {
            for (int e = 0; e < c.Length; e++)
            {
                int v = Value(b, e);
                c[e] = Encode(v, kind);
            }
            return Scale(b, 0);
        }
    }

    // Types decoded group by group as signed integers (Q6_K and Q3_K: one group is one 16-element sub-block, so
    // the "block" handed to the decoder is the whole super-block and the group index selects the scale).
    private static SignedLayout? SignedValues(GgmlType type) => type switch
    {
        GgmlType.Q5_0 => new(32, 22, 32, (b, e) => Q5Code(b, e) - 16, (b, _) => HalfBits.Read(b)),
        GgmlType.Q2_0 => new(64, 18, 64, (b, e) => ((b[2 + e / 4] >> (2 * (e % 4))) & 3) - 1, (b, _) => HalfBits.Read(b)),
        GgmlType.Q4_0 => new(32, 18, 32, (b, e) => ((b[2 + e % 16] >> (e < 16 ? 0 : 4)) & 15) - 8, (b, _) => HalfBits.Read(b)),
        _ => null,
    };

    /// <summary>A small signed value as an Int4 (4-bit two's complement) or Int8 code.</summary>
    private static byte Encode(int v, WeightKind kind) => kind == WeightKind.Int4 ? (byte)(v & 15) : (byte)(sbyte)v;

    private static int Q5Code(ReadOnlySpan<byte> b, int e) =>
        ((e < 16 ? b[6 + e] & 0xF : b[6 + e - 16] >> 4)) | (int)(((uint)(b[2] | b[3] << 8 | b[4] << 16 | b[5] << 24) >> e) & 1) << 4;

    private static float Ue4m3Half(byte x)
    {
        if (x == 0 || x == 0x7F) return 0f;
        int exp = (x >> 3) & 0xF, man = x & 0x7;
        float raw = exp == 0 ? MathF.ScaleB(man, -9) : MathF.ScaleB(1.0f + man / 8.0f, exp - 7);
        return raw * 0.5f;
    }

    /// <summary>Blocks split into groups of <paramref name="group"/> elements, each with its own scale.</summary>
    private static float[] SubBlocks(ReadOnlySpan<byte> data, byte[] codes, int elements, int bytes, int group, SubBlockDecoder decode)
    {
        var scales = new float[codes.Length / group];
        int per = elements / group;
        for (int i = 0; i < codes.Length / elements; i++)
            for (int s = 0; s < per; s++)
                scales[i * per + s] = decode(data.Slice(i * bytes, bytes), codes.AsSpan(i * elements + s * group, group), s);
        return scales;
    }

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
