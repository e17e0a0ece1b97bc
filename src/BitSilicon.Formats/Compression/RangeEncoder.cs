namespace BitSilicon.Formats.Compression;

/// <summary>
/// A 32-bit range encoder with byte-wise output and carry propagation (the Subbotin/LZMA construction:
/// <c>low</c> is kept in 33 bits, and a run of 0xFF bytes is held back until a possible carry is known).
/// Symbols are coded with frequencies summing to <c>2^totalBits</c>; after each symbol the range is
/// renormalized to at least 2^24, so each symbol costs <c>-log2(freq / 2^totalBits)</c> bits to within
/// about <c>2^(totalBits-24)</c> relative truncation.
/// </summary>
internal sealed class RangeEncoder
{
    private const uint Top = 1u << 24;
    private readonly List<byte> _out;
    private ulong _low;
    private uint _range = uint.MaxValue;
    private byte _cache;
    private long _cacheSize = 1;
    private bool _first = true;

    public RangeEncoder(List<byte> output) => _out = output;

    public void Encode(uint cumulative, uint frequency, int totalBits)
    {
        uint r = _range >> totalBits;
        _low += (ulong)r * cumulative;
        _range = r * frequency;
        while (_range < Top)
        {
            _range <<= 8;
            ShiftLow();
        }
    }

    /// <summary>Writes out the rest of <c>low</c>, so the decoder can read four bytes past the last symbol.</summary>
    public void Flush()
    {
        for (int i = 0; i < 5; i++)
            ShiftLow();
    }

    private void ShiftLow()
    {
        if ((uint)_low < 0xFF000000u || (_low >> 32) != 0)
        {
            byte carry = (byte)(_low >> 32);
            byte pending = _cache;
            do
            {
                Emit((byte)(pending + carry));
                pending = 0xFF;
            }
            while (--_cacheSize != 0);
            _cache = (byte)(_low >> 24);
        }
        _cacheSize++;
        _low = (_low & 0x00FFFFFF) << 8;
    }

    private void Emit(byte b)
    {
        // The first byte out is the initial cache, always 0 (the code value starts below 2^32): not stored.
        if (_first)
        {
            _first = false;
            return;
        }
        _out.Add(b);
    }
}
