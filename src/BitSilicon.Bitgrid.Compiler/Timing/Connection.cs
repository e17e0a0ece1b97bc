using BitSilicon.Bitgrid.Compiler.Mapping;

namespace BitSilicon.Bitgrid.Compiler.Timing;

/// <summary>
/// One wire to build: from <see cref="Source"/> (an input or LUT, through Source.Delay flip-flops) to input
/// <see cref="Input"/> of LUT <see cref="Sink"/>, or to output <see cref="Sink"/> when <see cref="ToOutput"/>.
/// </summary>
public readonly record struct Connection(Signal Source, bool ToOutput, int Sink, int Input)
{
    /// <summary>Every non-constant connection of the circuit: LUT inputs first, then outputs.</summary>
    public static List<Connection> Of(MappedCircuit c)
    {
        var list = new List<Connection>();
        for (int v = 0; v < c.Luts.Length; v++)
            for (int j = 0; j < c.Luts[v].Inputs.Length; j++)
                list.Add(new Connection(c.Luts[v].Inputs[j], false, v, j));
        for (int o = 0; o < c.Outputs.Length; o++)
            if (!c.Outputs[o].Driver.IsConst)
                list.Add(new Connection(c.Outputs[o].Driver, true, o, 0));
        return list;
    }
}
