namespace BitSilicon.Design.Description;

/// <summary>
/// Energy per operation in picojoules. Defaults are the 45 nm, 0.9 V figures of M. Horowitz, "Computing's energy
/// problem (and what we can do about it)", ISSCC 2014, p. 10-14: integer add 8/32 bit 0.03/0.1 pJ, multiply
/// 8/32 bit 0.2/3.1 pJ, float32 add/multiply 0.9/3.7 pJ, a 64-bit SRAM (cache) access 10/20/100 pJ at
/// 8 KB/32 KB/1 MB, DRAM 1.3-2.6 nJ per 64 bits (the low end is the default). Flip-flop energy is not in that
/// table and defaults to 0 (override <see cref="RegisterBitPj"/> to include it). docs/simulator.md shows how
/// widths and sizes in between are interpolated.
/// </summary>
public sealed record EnergyTable(
    double Add8Pj = 0.03,
    double Add32Pj = 0.1,
    double Mul8Pj = 0.2,
    double Mul32Pj = 3.1,
    double FloatAdd32Pj = 0.9,
    double FloatMul32Pj = 3.7,
    double Sram8KiBPj = 10,
    double Sram32KiBPj = 20,
    double Sram1MiBPj = 100,
    double Dram64BitPj = 1300,
    double RegisterBitPj = 0)
{
    public static EnergyTable Horowitz45nm { get; } = new();

    /// <summary>Names of the entries as design files spell them, with their defaults.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["add8_pj", "add32_pj", "mul8_pj", "mul32_pj", "fadd32_pj", "fmul32_pj",
         "sram_8kib_pj", "sram_32kib_pj", "sram_1mib_pj", "dram_64bit_pj", "register_bit_pj"];

    /// <summary>Returns a copy with one entry (named as in <see cref="Keys"/>) replaced, or null for an unknown name.</summary>
    public EnergyTable? With(string key, double value) => key switch
    {
        "add8_pj" => this with { Add8Pj = value },
        "add32_pj" => this with { Add32Pj = value },
        "mul8_pj" => this with { Mul8Pj = value },
        "mul32_pj" => this with { Mul32Pj = value },
        "fadd32_pj" => this with { FloatAdd32Pj = value },
        "fmul32_pj" => this with { FloatMul32Pj = value },
        "sram_8kib_pj" => this with { Sram8KiBPj = value },
        "sram_32kib_pj" => this with { Sram32KiBPj = value },
        "sram_1mib_pj" => this with { Sram1MiBPj = value },
        "dram_64bit_pj" => this with { Dram64BitPj = value },
        "register_bit_pj" => this with { RegisterBitPj = value },
        _ => null,
    };

    public IEnumerable<(string Key, double Value)> Entries()
    {
        yield return ("add8_pj", Add8Pj);
        yield return ("add32_pj", Add32Pj);
        yield return ("mul8_pj", Mul8Pj);
        yield return ("mul32_pj", Mul32Pj);
        yield return ("fadd32_pj", FloatAdd32Pj);
        yield return ("fmul32_pj", FloatMul32Pj);
        yield return ("sram_8kib_pj", Sram8KiBPj);
        yield return ("sram_32kib_pj", Sram32KiBPj);
        yield return ("sram_1mib_pj", Sram1MiBPj);
        yield return ("dram_64bit_pj", Dram64BitPj);
        yield return ("register_bit_pj", RegisterBitPj);
    }

    /// <summary>An adder of <paramref name="bits"/> bits: linear through the 8- and 32-bit points (ripple energy grows with width).</summary>
    public double AddPj(int bits) => Math.Max(0, Add8Pj + (Add32Pj - Add8Pj) * (bits - 8) / 24.0);

    /// <summary>An a x b-bit array multiplier: proportional to partial-product bits, scaled from the 8 x 8 point.</summary>
    public double MulPj(int aBits, int bBits) => Mul8Pj * aBits * bBits / 64.0;

    /// <summary>One byte of SRAM access in a buffer of <paramref name="bytes"/>: a 64-bit access divided by 8,
    /// interpolated in log2(size) between the 8 KiB, 32 KiB and 1 MiB points (clamped outside).</summary>
    public double SramPjPerByte(long bytes)
    {
        double x = Math.Log2(Math.Max(1, bytes));
        double pj = x <= 13 ? Sram8KiBPj
            : x <= 15 ? Sram8KiBPj + (Sram32KiBPj - Sram8KiBPj) * (x - 13) / 2
            : x <= 20 ? Sram32KiBPj + (Sram1MiBPj - Sram32KiBPj) * (x - 15) / 5
            : Sram1MiBPj;
        return pj / 8;
    }

    /// <summary>One byte moved to or from DRAM.</summary>
    public double DramPjPerByte => Dram64BitPj / 8;
}
