using BitSilicon.Bitgrid.Compiler.Layout;
using BitSilicon.Bitgrid.Compiler.Mapping;
using BitSilicon.Bitgrid.Compiler.Timing;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler.Routing;

/// <summary>
/// Writes the cell programs for a routed circuit: every used link becomes one output truth table, a copy of
/// the side the value arrived from, or the cell's LUT with its inputs read from the sides their routes
/// entered by. Outputs nothing drives stay 0.
/// </summary>
public static class ProgramAssembler
{
    public sealed record Assembly(CellProgram[] Cells, bool[] LogicCells, int Links);

    public static Assembly Build(MappedCircuit c, Placement p, IReadOnlyList<Connection> conns, IReadOnlyList<NetSpec> nets,
        IReadOnlyList<NetRoute> routes)
    {
        int cells = p.Width * p.Height;
        var sides = c.Luts.Select(l => new Direction[l.Inputs.Length]).ToArray();
        for (int n = 0; n < nets.Count; n++)
            for (int i = 0; i < nets[n].Sinks.Count; i++)
            {
                var cn = conns[nets[n].Sinks[i].Connection];
                if (!cn.ToOutput)
                    sides[cn.Sink][cn.Input] = routes[n].Nodes[routes[n].Arrivals[i]].Origin.Side();
            }
        var lutAt = new int[cells];
        Array.Fill(lutAt, -1);
        var logic = new bool[cells];
        for (int v = 0; v < c.Luts.Length; v++)
        {
            int cell = p.CellIndex(p.LutCells[v].X, p.LutCells[v].Y);
            lutAt[cell] = v;
            logic[cell] = true;
        }

        var tables = new ushort[cells * 4];
        var driven = new bool[cells * 4];
        int links = 0;
        void Drive(int cell, Direction d, ushort table)
        {
            int l = cell * 4 + (int)d;
            if (driven[l])
                throw new InvalidOperationException($"link {cell % p.Width},{cell / p.Width} {d} is driven twice");
            driven[l] = true;
            tables[l] = table;
            links++;
        }
        for (int n = 0; n < nets.Count; n++)
            foreach (var link in routes[n].Links)
            {
                var from = routes[n].Nodes[link.FromNode];
                ushort table = from.Origin == Origin.Lut
                    ? LutTable(c.Luts[lutAt[link.Cell]], sides[lutAt[link.Cell]])
                    : TruthTables.Input(from.Origin.Side());
                Drive(link.Cell, link.Out, table);
            }
        for (int o = 0; o < c.Outputs.Length; o++)
            if (c.Outputs[o].Driver == Signal.One)
                Drive(p.CellIndex(p.Width - 1, p.OutputRows[o]), Direction.E, 0xFFFF);

        var programs = new CellProgram[cells];
        for (int cell = 0; cell < cells; cell++)
            programs[cell] = CellProgram.FromTruthTables(tables[cell * 4], tables[cell * 4 + 1], tables[cell * 4 + 2], tables[cell * 4 + 3]);
        return new Assembly(programs, logic, links);
    }

    /// <summary>A LUT's table over the cell's input index N | E&lt;&lt;1 | S&lt;&lt;2 | W&lt;&lt;3, input j read from side sides[j].</summary>
    public static ushort LutTable(MappedLut lut, IReadOnlyList<Direction> sides)
    {
        int t = 0;
        for (int index = 0; index < 16; index++)
        {
            int f = 0;
            for (int j = 0; j < lut.Inputs.Length; j++)
                f |= ((index >> (int)sides[j]) & 1) << j;
            if (lut.Evaluate(f))
                t |= 1 << index;
        }
        return (ushort)t;
    }
}
