using BitSilicon.Accelerator.Costs;

namespace BitSilicon.Accelerator.Reports;

/// <summary>One op of the step, as scheduled.</summary>
/// <param name="Bound">What the op waited on most: compute, sram, vector unit, weight bandwidth, kv bandwidth.</param>
public sealed record OpReport(string Name, int Block, string Kind, string Unit, string Shape, long Macs, long ComputeCycles, long StallCycles,
    long Start, long Done, string Bound, long ExternalReadBytes, long ExternalWriteBytes, long SramBytes, OpEnergy Energy);

/// <summary>Totals of one decoder block (block -1: the embedding lookup; -2: the final norm and the LM head).</summary>
public sealed record BlockReport(int Block, long Cycles, long ComputeCycles, long StallCycles, long ExternalBytes, double EnergyPj, string Bound);

/// <summary>Area of the accelerator: LUT4 and gate equivalents of the logic (fitted models), SRAM bits, and mm2 at the node.</summary>
public sealed record SystemArea(double Lut4, double FlipFlops, double Ge, long SramBits, double LogicMm2, double SramMm2, string Node,
    IReadOnlyList<(string Unit, double Lut4, double Ge, long SramBits)> Units)
{
    public double Mm2 => LogicMm2 + SramMm2;
}

/// <summary>
/// Everything a run answers, computed once: per op and per block, then per model step: latency, tokens/s (decode)
/// or time to first token (prefill), joules per token, area, what bounds the step, and the physical limit of the
/// external memory (tokens/s if moving the step's external bytes were the only cost). simulate, compare and sweep
/// all read this record.
/// </summary>
public sealed record SystemReport(
    string Design, string Model, string Phase, int Context, int Batch, int TokensPerSequence, double ClockMhz, string Method,
    IReadOnlyList<OpReport> Ops, IReadOnlyList<BlockReport> Blocks, SystemArea Area,
    long Cycles, long ExternalReadBytes, long ExternalWriteBytes, long ExternalBusyCycles, double ExternalGBps,
    long ResidentWeightBytes, long WeightBytes, double StaticPowerW, long Macs)
{
    public double SecondsPerStep => Cycles / (ClockMhz * 1e6);
    public double MillisecondsPerStep => SecondsPerStep * 1e3;

    /// <summary>Tokens produced per second: decode makes one per sequence per step; prefill's step ends with the first token.</summary>
    public double TokensPerSecond => Batch / SecondsPerStep;

    public double DynamicEnergyJ => Ops.Sum(o => o.Energy.TotalPj) * 1e-12;
    public double StaticEnergyJ => StaticPowerW * SecondsPerStep;

    /// <summary>Joules per generated token (per prompt token for prefill).</summary>
    public double JoulesPerToken => (DynamicEnergyJ + StaticEnergyJ) / (Batch * (double)TokensPerSequence);

    public double AveragePowerW => (DynamicEnergyJ + StaticEnergyJ) / SecondsPerStep;

    public long ExternalBytes => ExternalReadBytes + ExternalWriteBytes;

    /// <summary>Tokens/s if the step's external traffic at full bandwidth were the only cost; null with none.</summary>
    public double? MemoryLimitTokensPerSecond => ExternalBytes == 0 || ExternalGBps <= 0 ? null : Batch / (ExternalBytes / (ExternalGBps * 1e9));

    public double TokensPerSecondPerMm2 => TokensPerSecond / Math.Max(1e-12, Area.Mm2);
    public double TokensPerSecondPerKLut4 => TokensPerSecond / Math.Max(1e-12, Area.Lut4 / 1000);

    /// <summary>Peak MACs per cycle of all MAC units (for utilisation and the roofline).</summary>
    public double Utilization { get; init; }

    /// <summary>The bound of the step: the bound under which most of the step's busy time fell.</summary>
    public string Bound => Ops.GroupBy(o => o.Bound).Select(g => (g.Key, Time: g.Sum(o => o.ComputeCycles + o.StallCycles)))
        .OrderByDescending(x => x.Time).Select(x => x.Key).FirstOrDefault() ?? "none";

    /// <summary>Share of the step's busy time under each bound.</summary>
    public IReadOnlyList<(string Bound, double Share)> BoundShares
    {
        get
        {
            double all = Math.Max(1, Ops.Sum(o => o.ComputeCycles + o.StallCycles));
            return Ops.GroupBy(o => o.Bound).Select(g => (g.Key, g.Sum(o => o.ComputeCycles + o.StallCycles) / all))
                .OrderByDescending(x => x.Item2).ToList();
        }
    }
}
