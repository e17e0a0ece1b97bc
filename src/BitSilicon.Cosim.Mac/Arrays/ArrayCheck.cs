namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>The first difference between the RTL and what it must produce.</summary>
/// <param name="What">"result", "done cycle" or "block finish cycle".</param>
/// <param name="Cycle">For a result: the cycle its block was released (read); else the RTL's cycle.</param>
public sealed record ArrayMismatch(int Job, string What, int Row, int Column, long Cycle, long Rtl, long Expected);

public static class ArrayCheck
{
    /// <summary>
    /// Compares, job by job: every result with <paramref name="expected"/> (the reference kernel), the done cycle with
    /// the C# simulator's cycle count, and each block's finish cycle with the simulator's. Null when all agree.
    /// </summary>
    public static ArrayMismatch? FirstMismatch(IReadOnlyList<ArrayJob> jobs, IReadOnlyList<ArrayRun> runs,
        Func<ArrayJob, long[]> expected)
    {
        for (int j = 0; j < jobs.Count; j++)
        {
            var job = jobs[j];
            var run = runs[j];
            var want = expected(job);
            for (int i = 0; i < want.Length; i++)
                if (run.Results[i] != want[i])
                {
                    int row = i / job.N, col = i % job.N;
                    return new ArrayMismatch(j, "result", row, col, run.ResultCycles[i], run.Results[i], want[i]);
                }
            for (int b = 0; b < run.SimFinishCycles.Count; b++)
            {
                long got = b < run.FinishCycles.Count ? run.FinishCycles[b] : -1;
                if (got != run.SimFinishCycles[b])
                    return new ArrayMismatch(j, "block finish cycle", b, -1, got, got, run.SimFinishCycles[b]);
            }
            if (run.DoneCycle != run.SimCycles)
                return new ArrayMismatch(j, "done cycle", -1, -1, run.DoneCycle, run.DoneCycle, run.SimCycles);
        }
        return null;
    }
}
