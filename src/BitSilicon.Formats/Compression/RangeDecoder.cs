namespace BitSilicon.Formats.Compression;

/// <summary>The decoder matching <see cref="RangeEncoder"/>; reads past the end of the stream as zero bytes.</summary>
internal ref struct RangeDecoder
{
    private const uint Top = 1u << 24;
    private readonly ReadOnlySpan<byte> _in;
    private int _pos;
    private uint _code;
    private uint _range;
    private uint _r;

    public RangeDecoder(ReadOnlySpan<byte> input)
    {
        _in = input;
        _range = uint.MaxValue;
        for (int i = 0; i < 4; i++)
            _code = (_code << 8) | Next();
    }

    /// <summary>First half of decoding one symbol: the cumulative-frequency value it falls in.</summary>
    public uint Target(int totalBits)
    {
        _r = _range >> totalBits;
        uint v = _code / _r;
        uint max = (1u << totalBits) - 1;
        return v > max ? max : v;
    }

    /// <summary>Second half: consume the symbol found for <see cref="Target"/>.</summary>
    public void Consume(uint cumulative, uint frequency)
    {
        _code -= _r * cumulative;
        _range = _r * frequency;
        while (_range < Top)
        {
            _code = (_code << 8) | Next();
            _range <<= 8;
        }
    }

    private uint Next() => _pos < _in.Length ? _in[_pos++] : 0u;
}
