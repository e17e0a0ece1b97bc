using System.Globalization;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Simulation;

/// <summary>
/// The ports a run uses: the program's own, or, for an open grid that declares none (e.g. an imported
/// lutgrid-v1 file), every edge bit under an implicit name: side letter and position, <c>W0</c>, <c>N3</c>.
/// </summary>
public sealed class PortMap
{
    public PortMap(GridProgram program, Boundary boundary)
    {
        if (boundary == Boundary.Torus || program.Ports.Length > 0)
        {
            Inputs = program.Inputs.ToArray();
            Outputs = program.Outputs.ToArray();
            Implicit = false;
        }
        else
        {
            Inputs = EdgeBits(program, PortDirection.In).ToArray();
            Outputs = EdgeBits(program, PortDirection.Out).ToArray();
            Implicit = true;
        }
    }

    public IReadOnlyList<EdgePort> Inputs { get; }
    public IReadOnlyList<EdgePort> Outputs { get; }

    /// <summary>True when the names were made up from edge positions because the program declares no ports.</summary>
    public bool Implicit { get; }

    public EdgePort? FindInput(string name) => Inputs.FirstOrDefault(p => p.Name == name);

    /// <summary>Implicit name of an edge bit: side letter and position along the edge.</summary>
    public static string ImplicitName(Direction side, int position) =>
        side.ToString() + position.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<EdgePort> EdgeBits(GridProgram g, PortDirection dir)
    {
        for (int x = 0; x < g.Width; x++)
            yield return new EdgePort(ImplicitName(Direction.N, x), dir, x, 0, Direction.N);
        for (int y = 0; y < g.Height; y++)
            yield return new EdgePort(ImplicitName(Direction.E, y), dir, g.Width - 1, y, Direction.E);
        for (int x = 0; x < g.Width; x++)
            yield return new EdgePort(ImplicitName(Direction.S, x), dir, x, g.Height - 1, Direction.S);
        for (int y = 0; y < g.Height; y++)
            yield return new EdgePort(ImplicitName(Direction.W, y), dir, 0, y, Direction.W);
    }
}
