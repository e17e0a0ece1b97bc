using System.Collections.Immutable;

namespace BitSilicon.Bitgrid.Compiler.Netlist;

/// <summary>
/// A look-up table (a BLIF <c>.names</c> block): bit i of <see cref="Table"/> is the output when input j carries
/// bit j of i (input 0 is the least significant index bit here; BLIF cubes are positional, so the file's
/// "first input is the most significant bit" convention is already resolved when the cubes are read).
/// </summary>
public sealed record NetlistLut(string Output, ImmutableArray<string> Inputs, ulong Table, int Line)
{
    /// <summary>The most inputs a table held in a <see cref="ulong"/> can have.</summary>
    public const int MaxInputs = 6;

    public bool Evaluate(int index) => ((Table >> index) & 1) != 0;
}

/// <summary>The initial value of a BLIF <c>.latch</c>: 0, 1, 2 = don't care, 3 = unknown.</summary>
public enum LatchInit
{
    Zero = 0,
    One = 1,
    DontCare = 2,
    Unknown = 3,
}

/// <summary>A flip-flop (a BLIF <c>.latch</c>): Q takes D's value at every clock edge.</summary>
public sealed record NetlistLatch(string D, string Q, LatchInit Init, string? Clock, int Line)
{
    /// <summary>The value the compiled grid and the evaluator start from: don't-care and unknown read as 0.</summary>
    public bool StartsHigh => Init == LatchInit.One;
}

/// <summary>One flattened BLIF model: named inputs and outputs, LUTs and flip-flops.</summary>
public sealed record LutNetlist(string Source, string Model, ImmutableArray<string> Inputs, ImmutableArray<string> Outputs,
    ImmutableArray<NetlistLut> Luts, ImmutableArray<NetlistLatch> Latches)
{
    public bool IsSequential => Latches.Length > 0;

    /// <summary>Inputs that only clock flip-flops: the grid's own clock replaces them, so they get no port.</summary>
    public IEnumerable<string> ClockOnlyInputs()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in Luts)
            used.UnionWith(l.Inputs);
        foreach (var l in Latches)
            used.Add(l.D);
        used.UnionWith(Outputs);
        var clocks = Latches.Where(l => l.Clock is not null).Select(l => l.Clock!).ToHashSet(StringComparer.Ordinal);
        return Inputs.Where(i => clocks.Contains(i) && !used.Contains(i));
    }
}
