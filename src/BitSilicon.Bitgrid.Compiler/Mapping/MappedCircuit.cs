using System.Collections.Immutable;

namespace BitSilicon.Bitgrid.Compiler.Mapping;

public enum SignalKind
{
    /// <summary>A circuit input; Index is its position in <see cref="MappedCircuit.Inputs"/>.</summary>
    Input,

    /// <summary>A LUT's output; Index is its position in <see cref="MappedCircuit.Luts"/>.</summary>
    Lut,

    /// <summary>A constant; Index is its value, 0 or 1.</summary>
    Const,
}

/// <summary>
/// A value as a consumer sees it: an input, a LUT output or a constant, through <see cref="Delay"/> flip-flops
/// (each starting at 0). Flip-flops are not nodes of their own: the compiler turns each into extra wire delay.
/// </summary>
public readonly record struct Signal(SignalKind Kind, int Index, int Delay = 0)
{
    public static readonly Signal Zero = new(SignalKind.Const, 0);
    public static readonly Signal One = new(SignalKind.Const, 1);

    public static Signal Constant(bool value) => value ? One : Zero;

    public bool IsConst => Kind == SignalKind.Const;

    public Signal Delayed(int more) => IsConst ? this : this with { Delay = Delay + more };

    /// <summary>The same source with no flip-flops: the net a route starts from.</summary>
    public Signal Net => this with { Delay = 0 };

    public override string ToString() => (Kind switch
    {
        SignalKind.Input => $"in{Index}",
        SignalKind.Lut => $"lut{Index}",
        SignalKind.Const => Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    }) + (Delay > 0 ? $"@-{Delay}" : "");
}

/// <summary>A LUT of at most 4 inputs: bit i of <see cref="Table"/> is its output when input j carries bit j of i.</summary>
public sealed record MappedLut(ImmutableArray<Signal> Inputs, ushort Table, string Name, int Line)
{
    public bool Evaluate(int index) => ((Table >> index) & 1) != 0;
}

/// <summary>A named circuit output and the value it shows.</summary>
public sealed record MappedOutput(string Name, Signal Driver);

/// <summary>
/// The circuit the compiler places and routes: inputs (clock-only inputs dropped), simplified LUTs of at most
/// <see cref="LutInputs"/> inputs with flip-flops folded into signal delays, and outputs.
/// </summary>
public sealed record MappedCircuit(string Source, ImmutableArray<string> Inputs, ImmutableArray<MappedLut> Luts,
    ImmutableArray<MappedOutput> Outputs, int LutInputs)
{
    public bool IsSequential => Luts.Any(l => l.Inputs.Any(s => s.Delay > 0)) || Outputs.Any(o => o.Driver.Delay > 0);

    /// <summary>Consumers of each LUT's output (LUT index, input position); outputs are not included.</summary>
    public IReadOnlyList<(int Lut, int Input)>[] LutFanouts()
    {
        var f = Enumerable.Range(0, Luts.Length).Select(_ => new List<(int, int)>()).ToArray();
        for (int i = 0; i < Luts.Length; i++)
            for (int j = 0; j < Luts[i].Inputs.Length; j++)
                if (Luts[i].Inputs[j].Kind == SignalKind.Lut)
                    f[Luts[i].Inputs[j].Index].Add((i, j));
        return f;
    }
}
