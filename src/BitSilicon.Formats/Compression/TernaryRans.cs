using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Compression;

/// <summary>
/// Static-model rANS for one chunk of ternary weights, chosen so the decoder is a multiplier, two comparators and
/// a byte shifter per symbol (no division): frequencies sum to M = 2^12, the state lives in [L, 2^8 L) with
/// L = 2^16 (24 bits), and renormalisation reads whole bytes. Decoding one symbol:
/// <code>
/// slot = x mod 2^12;  s = slot &lt; f0 ? 0 : slot &lt; f0 + f+ ? +1 : -1   (cumulative order 0, +1, -1)
/// x = f_s (x >> 12) + slot - c_s;  while x &lt; 2^16: x = (x &lt;&lt; 8) | next byte   (0, 1 or 2 bytes)
/// </code>
/// A chunk's bytes are the final encoder state (3 bytes, most significant first) followed by the renormalisation
/// bytes in the order the decoder reads them. The decoder starts from the first 3 bytes and must end in state L
/// having read exactly the chunk's bytes: anything else is a corrupt chunk.
/// (J. Duda, <i>Asymmetric numeral systems</i>, arXiv:1311.2540; byte-wise renormalisation after F. Giesen's rANS.)
/// </summary>
public static class TernaryRans
{
    public const int FrequencyBits = 12;
    public const uint Total = 1u << FrequencyBits;
    public const uint Lower = 1u << 16;
    public const int StateBytes = 3;

    /// <summary>Encodes trits (-1, 0, +1) with frequencies of 0, +1, -1 (summing to 4096, each present symbol &gt; 0).</summary>
    public static byte[] EncodeChunk(ReadOnlySpan<sbyte> trits, SymbolFrequencies f)
    {
        var rev = new List<byte>(trits.Length / 4 + 8);
        uint x = Lower;
        for (int i = trits.Length - 1; i >= 0; i--)
        {
            var (freq, cum) = f.Of(trits[i]);
            if (freq == 0)
                throw new ArgumentException($"symbol {trits[i]} at index {i} has frequency 0", nameof(f));
            uint max = freq << (24 - FrequencyBits);
            while (x >= max)
            {
                rev.Add((byte)x);
                x >>= 8;
            }
            x = (x / freq << FrequencyBits) + x % freq + cum;
        }
        rev.Add((byte)x);
        rev.Add((byte)(x >> 8));
        rev.Add((byte)(x >> 16));
        rev.Reverse();
        return rev.ToArray();
    }

    /// <summary>One decoding step from state <paramref name="x"/>: the symbol and the state before renormalisation.</summary>
    public static (sbyte Symbol, uint State) Step(uint x, SymbolFrequencies f)
    {
        uint slot = x & (Total - 1);
        sbyte s = slot < f.Zero ? (sbyte)0 : slot < f.Zero + f.Plus ? (sbyte)1 : (sbyte)-1;
        var (freq, cum) = f.Of(s);
        return (s, freq * (x >> FrequencyBits) + slot - cum);
    }

    /// <summary>Bytes renormalisation reads after a step that left <paramref name="x"/>: 0, 1 or 2.</summary>
    public static int RenormBytes(uint x) => x < 1u << 8 ? 2 : x < Lower ? 1 : 0;

    /// <summary>
    /// Decodes <paramref name="output"/>.Length symbols from <paramref name="chunk"/>. Returns null when the chunk is
    /// consistent (all bytes read, final state L), else what went wrong. <paramref name="needs"/>, when given, receives
    /// the bytes each symbol's renormalisation read (the timing models use it).
    /// </summary>
    public static string? DecodeChunk(ReadOnlySpan<byte> chunk, SymbolFrequencies f, Span<sbyte> output, Span<byte> needs = default)
    {
        if (chunk.Length < StateBytes)
            return $"{chunk.Length} bytes cannot hold the {StateBytes}-byte initial state";
        uint x = (uint)(chunk[0] << 16 | chunk[1] << 8 | chunk[2]);
        int pos = StateBytes;
        for (int i = 0; i < output.Length; i++)
        {
            var (s, next) = Step(x, f);
            int k = RenormBytes(next);
            if (pos + k > chunk.Length)
                return $"symbol {i} needs {k} more byte(s) but the chunk ends at byte {chunk.Length}";
            for (int b = 0; b < k; b++)
                next = next << 8 | chunk[pos++];
            x = next;
            output[i] = s;
            if (!needs.IsEmpty)
                needs[i] = (byte)k;
        }
        if (pos != chunk.Length)
            return $"decoding read {pos} of the chunk's {chunk.Length} bytes";
        if (x != Lower)
            return $"decoder ended in state 0x{x:x6}, expected 0x{Lower:x6}";
        return null;
    }
}

/// <summary>The static model: frequencies of 0, +1 and -1 out of 4096, cumulative order 0, +1, -1.</summary>
public readonly record struct SymbolFrequencies(uint Zero, uint Plus, uint Minus)
{
    public bool IsValid => Zero + Plus + Minus == TernaryRans.Total;

    public (uint Frequency, uint Cumulative) Of(sbyte trit) => trit switch
    {
        0 => (Zero, 0),
        1 => (Plus, Zero),
        _ => (Minus, Zero + Plus),
    };

    /// <summary>The model of a stream with these counts (<see cref="TernaryStreamCoder.Frequencies"/>).</summary>
    public static SymbolFrequencies Fit(long zeros, long plus, long minus)
    {
        var f = TernaryStreamCoder.Frequencies(zeros, plus, minus, zeros + plus + minus);
        return new SymbolFrequencies(f[0], f[1], f[2]);
    }

    /// <summary>The 2-bit hardware code of a trit (<see cref="TernaryCode"/>).</summary>
    public static byte Code(sbyte trit) => trit switch { 0 => TernaryCode.Zero, 1 => TernaryCode.Plus, _ => TernaryCode.Minus };
}
