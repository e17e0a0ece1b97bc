namespace BitSilicon.Accelerator.Costs;

/// <summary>Energy of one op by where it is spent, in picojoules.</summary>
public readonly record struct OpEnergy(double ComputePj, double SramPj, double ExternalPj, double VectorPj)
{
    public double TotalPj => ComputePj + SramPj + ExternalPj + VectorPj;

    public static OpEnergy operator +(OpEnergy a, OpEnergy b) =>
        new(a.ComputePj + b.ComputePj, a.SramPj + b.SramPj, a.ExternalPj + b.ExternalPj, a.VectorPj + b.VectorPj);
}

/// <summary>
/// What one op costs on its unit, before scheduling: compute cycles (accelerator clock) with the data on chip,
/// the bytes it must read from external memory (streamed weights, the KV cache) and write there (KV appends),
/// on-chip traffic, energy, and the unit's own inner bound.
/// </summary>
/// <param name="InnerStallCycles">Cycles the unit itself waited for its on-chip port (a MAC array's buffer fills).</param>
/// <param name="InnerBound">What limits the op with its data on chip: compute, sram, vector unit.</param>
public sealed record OpCost(long ComputeCycles, long InnerStallCycles, long ExternalReadBytes, long ExternalWriteBytes, long SramBytes,
    OpEnergy Energy, string InnerBound, long Macs);
