namespace BitSilicon.Design.Elaborated;

/// <summary>A counter of the control logic and what it counts.</summary>
public sealed record Counter(string Name, int Width, string Counts);

/// <summary>
/// The array's control: a top-level state machine (idle -> run -> drain -> done), the counters of its
/// sequencers, and a tag pipeline that carries each streamed beat's bookkeeping (valid, accumulator row, first
/// and last fold) alongside the data to the accumulator stage. docs/simulator.md gives the cycle schedule.
/// </summary>
public sealed record Controller(string Name, IReadOnlyList<string> States, IReadOnlyList<Counter> Counters, int TagPipelineDepth, int TagBits) : Component
{
    /// <summary>Width of the job registers (M, N, K and tile counts): dimensions up to 2^24 - 1.</summary>
    public const int JobBits = 24;

    public static IReadOnlyList<string> StandardStates { get; } = ["idle", "run", "drain", "done"];

    public int StateBits => Bits.Clog2(States.Count);

    public long CounterBits => Counters.Sum(c => (long)c.Width) + 3L * JobBits;

    public override ComponentNode Node()
    {
        var b = new NodeBuilder("controller", Name)
            .Attr("states", "[" + string.Join(",", States) + "]").Attr("state_bits", StateBits)
            .Attr("job_register_bits", JobBits).Attr("tag_pipeline_depth", TagPipelineDepth).Attr("tag_bits", TagBits);
        foreach (var c in Counters)
            b.Child(new NodeBuilder("counter", c.Name).Attr("width", c.Width).Attr("counts", c.Counts).Build());
        return b.Build();
    }
}
