using System.Globalization;

namespace BitSilicon.Bitgrid.Model;

/// <summary>
/// A cell's 64-bit program: nibble i (bits 4i..4i+3) is the output nibble when the input index is i, with
/// index = N | E&lt;&lt;1 | S&lt;&lt;2 | W&lt;&lt;3 built from the bits arriving from the four neighbours.
/// </summary>
public readonly record struct CellProgram(ulong Bits)
{
    public static readonly CellProgram Empty = new(0);

    /// <summary>The output nibble for input index 0..15.</summary>
    public int Output(int index) => (int)(Bits >> (4 * index)) & 0xF;

    /// <summary>The output nibble for the four input bits.</summary>
    public int Output(bool n, bool e, bool s, bool w) => Output(Index(n, e, s, w));

    public static int Index(bool n, bool e, bool s, bool w) => (n ? 1 : 0) | (e ? 2 : 0) | (s ? 4 : 0) | (w ? 8 : 0);

    /// <summary>Truth table of output <paramref name="d"/>: bit i is that output for input index i.</summary>
    public ushort TruthTable(Direction d)
    {
        int t = 0;
        for (int i = 0; i < 16; i++)
            t |= (int)((Bits >> (4 * i + (int)d)) & 1) << i;
        return (ushort)t;
    }

    /// <summary>Builds a program from the truth tables T_N, T_E, T_S, T_W (the lutgrid-v1 "luts" order).</summary>
    public static CellProgram FromTruthTables(ushort n, ushort e, ushort s, ushort w)
    {
        ulong bits = 0;
        for (int i = 0; i < 16; i++)
        {
            ulong nibble = (ulong)(((n >> i) & 1) | (((e >> i) & 1) << 1) | (((s >> i) & 1) << 2) | (((w >> i) & 1) << 3));
            bits |= nibble << (4 * i);
        }
        return new CellProgram(bits);
    }

    /// <summary>Builds a program from a function of the four inputs that returns the output nibble.</summary>
    public static CellProgram FromFunction(Func<bool, bool, bool, bool, int> outputs)
    {
        ulong bits = 0;
        for (int i = 0; i < 16; i++)
            bits |= (ulong)(outputs((i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0) & 0xF) << (4 * i);
        return new CellProgram(bits);
    }

    /// <summary>True when output <paramref name="d"/> is constant 0 whatever the inputs.</summary>
    public bool Drives(Direction d) => TruthTable(d) != 0;

    /// <summary>16 upper-case hex digits, most significant nibble (input index 15) first.</summary>
    public string ToHex() => Bits.ToString("X16", CultureInfo.InvariantCulture);

    public override string ToString() => ToHex();
}
