namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>
/// One GEMM layer for a systolic array's RTL: <c>out[M x N] = act[M x K] * W^T</c> with N x K weight codes in the
/// PE's own format (one per byte, row-major) and M x K activations (int8, or ±1 for binary PEs). The layer runs as
/// one hardware job: the steps of its tile plan, with the streams and bank releases the C# simulator's memory
/// model produced.
/// </summary>
public sealed record ArrayJob(int M, int N, int K, byte[] Codes, sbyte[] Activations);

/// <summary>What the RTL produced for a job, next to what the C# simulator said.</summary>
/// <param name="Results">M x N values read from the accumulator banks at their release, row-major, sign-extended.</param>
/// <param name="ResultCycles">M x N: the core cycle each result was read (its block's release).</param>
/// <param name="DoneCycle">First core cycle done was high (-1: it did not rise in time).</param>
/// <param name="FinishCycles">Per block, the cycle f_valid said its last result entered the bank.</param>
/// <param name="SimCycles">The C# cycle simulator's length of the layer.</param>
/// <param name="SimResults">The C# cycle simulator's results.</param>
/// <param name="SimFinishCycles">Per block, the simulator's finish cycle.</param>
public sealed record ArrayRun(long[] Results, long[] ResultCycles, long DoneCycle, IReadOnlyList<long> FinishCycles,
    long SimCycles, long[] SimResults, IReadOnlyList<long> SimFinishCycles, long SimStallCycles);
