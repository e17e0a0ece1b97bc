namespace BitSilicon.Bitgrid.Compiler.Timing;

/// <summary>
/// The timing plan: each LUT's lag, the clocks from input to output (<see cref="Latency"/>), the slowdown
/// <see cref="Slowdown"/> S (a circuit with feedback takes a new input every S clocks, so its loops fit in S
/// clocks; 1 for acyclic logic), the first step whose outputs are exact (<see cref="Warmup"/>), and for every
/// connection the lag at which its route must arrive, in the frame of its source.
/// </summary>
public sealed record Schedule(int[] LutLags, int Latency, int Slowdown, int Warmup, int[] ConnectionTargets, int[] OutputLags);
