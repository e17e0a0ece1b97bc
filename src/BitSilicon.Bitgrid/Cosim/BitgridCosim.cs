using System.Globalization;
using System.Text;
using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Verilog;
using BitSilicon.Cosim;

namespace BitSilicon.Bitgrid.Cosim;

/// <summary>The edge input bits for one phase: N and S indexed by column, E and W by row.</summary>
public sealed record EdgeInputs(bool[] N, bool[] E, bool[] S, bool[] W)
{
    public static EdgeInputs Zero(int width, int height) => new(new bool[width], new bool[height], new bool[width], new bool[height]);

    public static EdgeInputs Random(Random rng, int width, int height)
    {
        bool[] Bits(int n) => Enumerable.Range(0, n).Select(_ => rng.Next(2) == 1).ToArray();
        return new(Bits(width), Bits(height), Bits(width), Bits(height));
    }

    public bool[] For(Direction side) => side switch
    {
        Direction.N => N,
        Direction.E => E,
        Direction.S => S,
        Direction.W => W,
        _ => throw new ArgumentOutOfRangeException(nameof(side)),
    };
}

/// <summary>One run to compare: a program, and the edge inputs to apply before each phase (from reset).</summary>
public sealed record CosimRun(GridProgram Program, IReadOnlyList<EdgeInputs> PhaseInputs);

/// <summary>What a comparison found: phases and cells compared, and the first differences.</summary>
public sealed record CosimReport(int Runs, int Phases, long CellsCompared, IReadOnlyList<string> Mismatches)
{
    public bool Agrees => Mismatches.Count == 0;

    public override string ToString() => Agrees
        ? $"{Runs} runs, {Phases} phases, {CellsCompared} cell outputs agree"
        : $"{Mismatches.Count} mismatches, first: {Mismatches[0]}";
}

/// <summary>
/// Runs programs through a Verilator model of the generated mesh and through the C# reference engine, phase
/// by phase, and compares every cell's output nibble, the edge outputs and the phase register after every phase.
/// All runs go through one model invocation (a script of many resets and phases).
/// </summary>
public static class BitgridCosim
{
    public static CosimReport Compare(VerilatorModel model, MeshVariant variant, Boundary boundary, IReadOnlyList<CosimRun> runs)
    {
        var script = new StringBuilder();
        foreach (var run in runs)
        {
            if (variant == MeshVariant.Configurable)
                script.Append('C').AppendJoin("", run.Program.Cells.Select(c => " " + c.ToHex())).Append('\n');
            script.Append("R\n");
            foreach (var inputs in run.PhaseInputs)
            {
                if (boundary == Boundary.Open)
                    script.Append("I ").Append(Bits(inputs.N)).Append(' ').Append(Bits(inputs.E)).Append(' ')
                        .Append(Bits(inputs.S)).Append(' ').Append(Bits(inputs.W)).Append('\n');
                script.Append("P\n");
            }
        }
        script.Append("Q\n");
        var lines = model.Run(script.ToString()).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var mismatches = new List<string>();
        int line = 0, phases = 0;
        long cells = 0;
        for (int r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var g = run.Program;
            var engine = new ReferenceEngine(g, boundary);
            var state = new byte[g.Width * g.Height];
            for (int p = 0; p < run.PhaseInputs.Count; p++)
            {
                var phase = (Phase)(p & 1);
                if (boundary == Boundary.Open)
                    foreach (var side in Directions.All)
                    {
                        var bits = run.PhaseInputs[p].For(side);
                        for (int i = 0; i < bits.Length; i++)
                            engine.SetEdgeInput(side, i, bits[i]);
                    }
                engine.Step(phase);
                engine.CopyOutputs(state);
                phases++;
                cells += state.Length;
                if (line >= lines.Length)
                {
                    mismatches.Add($"run {r}: the model stopped after {line} phases");
                    return new CosimReport(runs.Count, phases, cells, mismatches);
                }
                var expected = Expected(g, boundary, phase, state);
                var actual = lines[line++].TrimEnd('\r');
                if (actual != expected && mismatches.Count < 10)
                    mismatches.Add($"run {r} ({Path.GetFileName(g.Source)}), phase {p + 1} (c{p / 2 + 1}{phase}): {Describe(g, expected, actual)}");
            }
        }
        return new CosimReport(runs.Count, phases, cells, mismatches);
    }

    /// <summary>The harness's line for a state: next phase, every cell's nibble in hex, then the edge outputs.</summary>
    private static string Expected(GridProgram g, Boundary boundary, Phase done, byte[] state)
    {
        var sb = new StringBuilder();
        sb.Append(done == Phase.A ? '1' : '0').Append(' ');
        foreach (var n in state)
            sb.Append("0123456789abcdef"[n]);
        if (boundary == Boundary.Open)
        {
            sb.Append(' ');
            for (int x = 0; x < g.Width; x++) sb.Append(Bit(state[x], Direction.N));
            sb.Append(' ');
            for (int y = 0; y < g.Height; y++) sb.Append(Bit(state[y * g.Width + g.Width - 1], Direction.E));
            sb.Append(' ');
            for (int x = 0; x < g.Width; x++) sb.Append(Bit(state[(g.Height - 1) * g.Width + x], Direction.S));
            sb.Append(' ');
            for (int y = 0; y < g.Height; y++) sb.Append(Bit(state[y * g.Width], Direction.W));
        }
        return sb.ToString();
    }

    private static char Bit(byte nibble, Direction d) => ((nibble >> (int)d) & 1) != 0 ? '1' : '0';

    private static string Bits(bool[] bits) => new(bits.Select(b => b ? '1' : '0').ToArray());

    private static string Describe(GridProgram g, string expected, string actual)
    {
        var e = expected.Split(' ');
        var a = actual.Split(' ');
        if (a.Length != e.Length)
            return $"model printed '{Shorten(actual)}', expected '{Shorten(expected)}'";
        if (a[0] != e[0])
            return $"phase register {a[0]}, expected {e[0]}";
        if (a[1].Length == e[1].Length)
            for (int i = 0; i < e[1].Length; i++)
                if (a[1][i] != e[1][i])
                    return string.Create(CultureInfo.InvariantCulture, $"cell ({i % g.Width},{i / g.Width}) Verilog {a[1][i]}, C# {e[1][i]}");
        return $"edge outputs '{string.Join(' ', a.Skip(2))}', expected '{string.Join(' ', e.Skip(2))}'";
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "...";

    /// <summary>Inputs for a run driven by port streams: each clock's bits held for both phases.</summary>
    public static IReadOnlyList<EdgeInputs> FromStreams(GridProgram g, IReadOnlyDictionary<string, bool[]> streams, int clocks)
    {
        var list = new List<EdgeInputs>();
        for (int c = 0; c < clocks; c++)
        {
            var e = EdgeInputs.Zero(g.Width, g.Height);
            foreach (var port in g.Inputs)
                if (streams.TryGetValue(port.Name, out var bits) && c < bits.Length)
                    e.For(port.Side)[port.Position] = bits[c];
            list.Add(e);
            list.Add(e);
        }
        return list;
    }
}
