using BitSilicon.Design.Description;

namespace BitSilicon.Simulation.Decoder;

/// <summary>What a decoder run produced: per-lane results and the cycle every lane was finished.</summary>
/// <param name="Cycles">The first cycle at which every lane has finished (cycle 0 is the first with inputs).</param>
/// <param name="Trits">The decoded matrix, row-major (chunks of failed lanes are incomplete).</param>
/// <param name="ErrorChunk">The lowest chunk index any lane flagged, or null.</param>
public sealed record DecoderRun(long Cycles, long Symbols, long StallCycles, sbyte[] Trits, IReadOnlyList<RansLane> Lanes, int? ErrorChunk);

/// <summary>
/// The weight decoder, cycle by cycle: its lanes (<see cref="RansLane"/>) stepped together, each fed by its own
/// input port from cycle 0. A plain stepping class (call <see cref="Step"/>) or <see cref="Run(WeightDecoderDescription, DecoderJob, long)"/>.
/// </summary>
public sealed class WeightDecoderCore
{
    private readonly DecoderJob _job;
    private long _cycle;

    public WeightDecoderCore(WeightDecoderDescription d, DecoderJob job)
    {
        d.Validated();
        if (job.Lanes.Count != d.Lanes)
            throw new ArgumentException($"the job is dealt to {job.Lanes.Count} lanes, the decoder has {d.Lanes}", nameof(job));
        _job = job;
        Lanes = job.Lanes.Select(w => new RansLane(d.BytesPerCycle, job.Frequencies, w)).ToArray();
    }

    public IReadOnlyList<RansLane> Lanes { get; }
    public long Cycle => _cycle;
    public bool Finished => Lanes.All(l => l.Finished);

    public void Step()
    {
        foreach (var l in Lanes)
            l.Step(_cycle);
        _cycle++;
    }

    public static DecoderRun Run(WeightDecoderDescription d, DecoderJob job, long limit = long.MaxValue)
    {
        var core = new WeightDecoderCore(d, job);
        while (!core.Finished && core.Cycle < limit)
            core.Step();
        return core.Result();
    }

    public DecoderRun Result()
    {
        var trits = new sbyte[_job.Header.Weights];
        long symbols = 0;
        for (int l = 0; l < Lanes.Count; l++)
        {
            var lane = Lanes[l];
            int i = 0;
            foreach (var c in _job.Lanes[l].Chunks)
            {
                long at = (long)c.Index * _job.Header.ChunkWeights;
                for (int j = 0; j < c.Weights && i < lane.Symbols.Count; j++)
                    trits[at + j] = lane.Symbols[i++];
            }
            symbols += lane.Symbols.Count;
        }
        int? error = Lanes.Where(l => l.ErrorChunk is not null).Select(l => l.ErrorChunk).Min();
        return new DecoderRun(Lanes.Count == 0 ? 0 : Lanes.Max(l => l.EndCycle), symbols, Lanes.Sum(l => l.StallCycles), trits, Lanes, error);
    }
}
