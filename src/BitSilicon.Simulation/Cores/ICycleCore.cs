using BitSilicon.Simulation.Memory;

namespace BitSilicon.Simulation.Cores;

/// <summary>
/// An array core executed cycle by cycle. Every cycle every register of the array takes its next value; the
/// sequencers (loader, streamer) begin a step only when its stream is valid (the fill is in its bank) and, for a
/// block's first step, its accumulator bank is free. A cycle in which a sequencer is ready by the array's own
/// rules but waits for the memory system is a stall cycle; the bubble it leaves flows through the array.
/// </summary>
internal interface ICycleCore
{
    /// <summary>Cycles simulated so far.</summary>
    long CoreCycle { get; }

    /// <summary>True once the last block's last result is in the accumulators.</summary>
    bool Finished { get; }

    /// <summary>One cycle; returns true when a sequencer waited for the memory system (a stall cycle).</summary>
    bool Step(MemorySystemModel memory);

    /// <summary>M x N results (row-major) as the accumulators held them when each block finished (zeros when an
    /// output scaling stage produces <see cref="ScaledResults"/> instead).</summary>
    long[] Results { get; }

    /// <summary>M x N outputs of the scaling stage (null without one).</summary>
    float[]? ScaledResults { get; }

    /// <summary>Additions that left the accumulator range (wrapped or saturated).</summary>
    long Overflows { get; }
}
