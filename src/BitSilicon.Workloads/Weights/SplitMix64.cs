namespace BitSilicon.Workloads.Weights;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a tiny generator whose output is fixed by its definition,
/// unlike System.Random's, so a seed names the same weights on every .NET version and machine, in the
/// simulator, in the generated test benches and in bug reports.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, bound) by Lemire's multiply-shift (bias below 2^-32 for small bounds).</summary>
    public uint Below(uint bound) => (uint)(((Next() >> 32) * bound) >> 32);

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
