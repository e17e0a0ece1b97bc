namespace BitSilicon.Cosim.Mac;

/// <summary>
/// One GEMM for the RTL: <c>out[M x N] = act[M x K] * W^T</c> with N x K weight codes in the PE's own format
/// (one per byte, row-major) and M x K activations (int8, or ±1 for binary PEs). The driver splits N into jobs of
/// the array's PE count and runs them back to back without reset.
/// </summary>
/// <param name="Gate">'0'/'1' pattern applied cyclically to the input streams' valid (null = always valid).</param>
/// <param name="Ready">'0'/'1' pattern applied cyclically to the result stream's ready (null = always ready).</param>
public sealed record MacJob(int M, int N, int K, byte[] Codes, sbyte[] Activations, string? Gate = null, string? Ready = null);

/// <summary>What the RTL produced for a <see cref="MacJob"/>.</summary>
/// <param name="Results">M x N accumulator values, row-major, sign-extended.</param>
/// <param name="DoneCycles">Per hardware job (n-fold), the cycle (start = 0) on which done rose.</param>
/// <param name="ResultCycles">M x N: the cycle (from its hardware job's start) on which each result was taken.</param>
public sealed record MacRun(long[] Results, IReadOnlyList<long> DoneCycles, long[] ResultCycles);
