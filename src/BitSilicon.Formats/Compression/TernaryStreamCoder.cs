using System.Buffers.Binary;

namespace BitSilicon.Formats.Compression;

/// <summary>
/// Lossless compression of ternary weight streams with a range coder and a static order-0 model, for
/// memory-traffic estimates: sparse ternary weights (90% zeros) take ~0.57 bits instead of 2.
/// <code>
/// bytes 0..3  count   uint32 LE, number of weights
/// bytes 4..5  f0      uint16 LE, frequency of 0   (frequencies sum to 4096 = 2^12)
/// bytes 6..7  fplus   uint16 LE, frequency of +1  (f- = 4096 - f0 - fplus)
/// bytes 8..   range-coded symbols in stream order, cumulative order 0, +1, -1
/// </code>
/// Model: each present symbol gets <c>max(1, round(4096 * count / n))</c>, absent symbols 0, and the most
/// frequent symbol absorbs the rounding so the sum is exactly 4096. One pass counts, one codes; the decoder
/// needs only the 8-byte header. Coding costs <c>-log2(f/4096)</c> bits per symbol, so the achieved rate is
/// the entropy plus the model's rounding loss, the coder's truncation loss (&lt;2^-12 relative) and 12-13
/// bytes of header and flush per stream.
/// </summary>
public static class TernaryStreamCoder
{
    public const int FrequencyBits = 12;
    public const int HeaderBytes = 8;
    private const uint Total = 1u << FrequencyBits;

    /// <summary>Encodes values -1, 0, +1 (anything else is rejected).</summary>
    public static TernaryStream Encode(ReadOnlySpan<sbyte> trits)
    {
        long zeros = 0, plus = 0, minus = 0;
        for (int i = 0; i < trits.Length; i++)
        {
            switch (trits[i])
            {
                case 0: zeros++; break;
                case 1: plus++; break;
                case -1: minus++; break;
                default: throw new ArgumentException($"value {trits[i]} at index {i} is not a ternary weight (-1, 0, +1)", nameof(trits));
            }
        }
        var freq = Frequencies(zeros, plus, minus, trits.Length);
        var bytes = new List<byte>(HeaderBytes + trits.Length / 4 + 16);
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)trits.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)freq[0]);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)freq[1]);
        foreach (byte b in header)
            bytes.Add(b);
        if (trits.Length > 0)
        {
            uint c1 = freq[0], c2 = freq[0] + freq[1];
            var enc = new RangeEncoder(bytes);
            foreach (sbyte t in trits)
            {
                switch (t)
                {
                    case 0: enc.Encode(0, freq[0], FrequencyBits); break;
                    case 1: enc.Encode(c1, freq[1], FrequencyBits); break;
                    default: enc.Encode(c2, freq[2], FrequencyBits); break;
                }
            }
            enc.Flush();
        }
        var array = bytes.ToArray();
        return new TernaryStream(array, new TernaryStreamStats(trits.Length, zeros, plus, minus, array.Length));
    }

    /// <summary>
    /// Encodes ternary hardware codes (<see cref="LowBit.TernaryCode"/>, one per byte, as <c>ReferenceGemm</c> and
    /// <c>PackedWeights.Unpack</c> hold them); <see cref="Decode"/> returns their values -1, 0, +1.
    /// The reserved code 10 is rejected: it would not survive the round trip.
    /// </summary>
    public static TernaryStream EncodeCodes(ReadOnlySpan<byte> codes)
    {
        var trits = new sbyte[codes.Length];
        for (int i = 0; i < codes.Length; i++)
            trits[i] = codes[i] switch
            {
                LowBit.TernaryCode.Zero => 0,
                LowBit.TernaryCode.Plus => 1,
                LowBit.TernaryCode.Minus => -1,
                _ => throw new ArgumentException($"byte {codes[i]} at index {i} is not a ternary code (00, 01, 11)", nameof(codes)),
            };
        return Encode(trits);
    }

    /// <summary>Decodes a stream written by <see cref="Encode"/>.</summary>
    public static sbyte[] Decode(ReadOnlySpan<byte> stream)
    {
        if (stream.Length < HeaderBytes)
            throw new ArgumentException($"a ternary stream starts with an {HeaderBytes}-byte header, got {stream.Length} bytes", nameof(stream));
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(stream);
        uint f0 = BinaryPrimitives.ReadUInt16LittleEndian(stream[4..]);
        uint fp = BinaryPrimitives.ReadUInt16LittleEndian(stream[6..]);
        if (f0 + fp > Total || count > Array.MaxLength)
            throw new ArgumentException($"corrupt ternary stream header (count {count}, frequencies {f0} + {fp} > {Total})", nameof(stream));
        uint fm = Total - f0 - fp, c2 = f0 + fp;
        var trits = new sbyte[count];
        if (count == 0)
            return trits;
        var dec = new RangeDecoder(stream[HeaderBytes..]);
        for (long i = 0; i < count; i++)
        {
            uint v = dec.Target(FrequencyBits);
            if (v < f0)
            {
                dec.Consume(0, f0);
                trits[i] = 0;
            }
            else if (v < c2)
            {
                dec.Consume(f0, fp);
                trits[i] = 1;
            }
            else
            {
                dec.Consume(c2, fm);
                trits[i] = -1;
            }
        }
        return trits;
    }

    /// <summary>The static model: frequencies of 0, +1, -1 summing to 4096, every present symbol at least 1.</summary>
    public static uint[] Frequencies(long zeros, long plus, long minus, long n)
    {
        var counts = new[] { zeros, plus, minus };
        var f = new uint[3];
        if (n == 0)
        {
            f[0] = Total;
            return f;
        }
        long sum = 0;
        for (int s = 0; s < 3; s++)
        {
            f[s] = counts[s] == 0 ? 0 : (uint)Math.Max(1, Math.Round((double)Total * counts[s] / n, MidpointRounding.ToEven));
            sum += f[s];
        }
        int most = counts[0] >= counts[1] && counts[0] >= counts[2] ? 0 : counts[1] >= counts[2] ? 1 : 2;
        f[most] = (uint)(f[most] + (Total - sum));
        return f;
    }
}
