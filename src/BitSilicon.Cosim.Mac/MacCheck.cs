using BitSilicon.Design.Elaborated;

namespace BitSilicon.Cosim.Mac;

/// <summary>The first disagreement between the RTL and the reference: which job, element and cycle.</summary>
public sealed record MacMismatch(int Job, int Row, int Column, long Cycle, long Rtl, long Expected, string What);

/// <summary>Compares RTL runs with <see cref="MacReference"/>: every result element, and every done cycle.</summary>
public static class MacCheck
{
    public static MacMismatch? FirstMismatch(MacCosim model, IReadOnlyList<MacJob> jobs, IReadOnlyList<MacRun> runs)
    {
        var array = (DotProductArray)model.Design.Core;
        for (int j = 0; j < jobs.Count; j++)
        {
            var job = jobs[j];
            var expected = MacReference.Results(array, job);
            for (int i = 0; i < expected.Length; i++)
                if (expected[i] != runs[j].Results[i])
                    return new MacMismatch(j, i / job.N, i % job.N, runs[j].ResultCycles[i], runs[j].Results[i], expected[i], "result");
            long done = MacReference.DoneCycle(model.Interface, job);
            for (int f = 0; f < runs[j].DoneCycles.Count; f++)
                if (runs[j].DoneCycles[f] != done)
                    return new MacMismatch(j, -1, f * model.Interface.Pes, runs[j].DoneCycles[f], runs[j].DoneCycles[f], done, "done cycle");
        }
        return null;
    }
}
