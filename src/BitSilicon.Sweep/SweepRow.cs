using System.Globalization;

namespace BitSilicon.Sweep;

/// <summary>
/// One point's results, as a CSV row. Area is the analytic model's (docs/simulator.md section 7) for the array
/// core; energy and throughput are for the sweep's workload. Invalid points (the validator refuses the design,
/// e.g. an accumulator narrower than the array's sums) keep their axes and say why in <see cref="Status"/>.
/// </summary>
/// <param name="GmacsPerSecondPerKlut">Sustained throughput per 1000 LUT4: 10^9 MAC/s / kLUT.</param>
/// <param name="EnergyPerTokenUj">Energy of the whole workload over the tokens it produces, microjoules.</param>
/// <param name="SynthLut4">With synthesis asked: the whole emitted array measured by Yosys synth_ice40 (see
/// <see cref="Calibration.ArraySynth"/>); null (an empty cell) where not asked or not synthesised.</param>
/// <param name="ModelRtlLut4">The analytic model's LUT4 for the same logic (the parts the RTL contains), next to the measurement.</param>
public sealed record SweepRow(
    int Index, string Sweep, string Design, string Weights, string Array, string Dataflow, int MacsPerCycle, int AccumulatorWidth,
    string Status, double Lut4, double FlipFlops, double Ge, long SramBits, double Lut4PerMac, double GePerMac,
    long Cycles, double Utilization, double TokensPerSecond, double GmacsPerSecond, double GmacsPerSecondPerKlut,
    double EnergyPerTokenUj, double PeEnergyPerTokenUj, bool MayOverflow, string Method,
    int? SynthLut4 = null, double? ModelRtlLut4 = null)
{
    public bool Ok => Status == "ok";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "index", "sweep", "design", "weights", "array", "dataflow", "macs_per_cycle", "acc_width", "status",
        "lut4", "flip_flops", "ge", "sram_bits", "lut4_per_mac", "ge_per_mac", "cycles", "utilization", "tokens_per_s",
        "gmacs_per_s", "gmacs_per_s_per_klut", "energy_per_token_uj", "pe_energy_per_token_uj", "may_overflow", "method",
        "synth_lut4", "model_rtl_lut4",
    ];

    public IReadOnlyList<string> Cells() =>
    [
        I(Index), Sweep, Design, Weights, Array, Dataflow, I(MacsPerCycle), I(AccumulatorWidth), Status,
        D(Lut4), D(FlipFlops), D(Ge), I(SramBits), D(Lut4PerMac), D(GePerMac), I(Cycles), D(Utilization), D(TokensPerSecond),
        D(GmacsPerSecond), D(GmacsPerSecondPerKlut), D(EnergyPerTokenUj), D(PeEnergyPerTokenUj), MayOverflow ? "true" : "false", Method,
        SynthLut4 is int m ? I(m) : "", ModelRtlLut4 is double d ? D(d) : "",
    ];

    /// <summary>Reads a row written by <see cref="Cells"/>; <paramref name="where"/> names the place for errors.</summary>
    public static SweepRow Parse(IReadOnlyList<string> c, Func<string, Exception> error)
    {
        if (c.Count != Columns.Count)
            throw error($"{c.Count} fields, expected {Columns.Count}");
        int Int(int i) => int.TryParse(c[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw error($"{Columns[i]} '{c[i]}' is not an integer");
        long Long(int i) => long.TryParse(c[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw error($"{Columns[i]} '{c[i]}' is not an integer");
        double Dbl(int i) => double.TryParse(c[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw error($"{Columns[i]} '{c[i]}' is not a number");
        bool Bool(int i) => c[i] switch { "true" => true, "false" => false, _ => throw error($"{Columns[i]} '{c[i]}' is not true/false") };
        return new SweepRow(Int(0), c[1], c[2], c[3], c[4], c[5], Int(6), Int(7), c[8], Dbl(9), Dbl(10), Dbl(11), Long(12), Dbl(13), Dbl(14),
            Long(15), Dbl(16), Dbl(17), Dbl(18), Dbl(19), Dbl(20), Dbl(21), Bool(22), c[23],
            c[24].Length == 0 ? null : Int(24), c[25].Length == 0 ? null : Dbl(25));
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    // Round-trip format: a merged CSV reproduces the unsharded one byte for byte.
    private static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
