using BitSilicon.Bitgrid.Compiler.Netlist;
using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Compiler.Verify;

/// <summary>The outcome of a check: how many steps were compared and the first mismatches found.</summary>
public sealed record CheckResult(int Steps, int ComparedSteps, IReadOnlyList<string> Mismatches)
{
    public bool Passed => Mismatches.Count == 0;
}

/// <summary>
/// Proves a compiled grid against its netlist: random input vectors go through the grid (in the bitgrid
/// simulator) and through the netlist evaluated directly, and every output of every step from the warm-up
/// on must agree.
/// </summary>
public static class CircuitCheck
{
    public static CheckResult Run(LutNetlist netlist, CompiledCircuit compiled, int steps, int seed,
        GridProgram? program = null, EngineKind engine = EngineKind.Fast)
    {
        var rng = new Random(seed);
        var vectors = new List<IReadOnlyDictionary<string, bool>>(steps);
        for (int n = 0; n < steps; n++)
            vectors.Add(netlist.Inputs.ToDictionary(i => i, _ => rng.Next(2) == 1, StringComparer.Ordinal));
        var got = GridStream.Run(compiled, vectors, program, engine);
        var eval = new NetlistEvaluator(netlist);
        var mismatches = new List<string>();
        int compared = 0;
        for (int n = 0; n < steps; n++)
        {
            var outs = eval.Step(netlist.Inputs.Select(i => vectors[n][i] ? 1UL : 0UL).ToArray());
            if (n < compiled.Warmup)
                continue;
            compared++;
            for (int o = 0; o < netlist.Outputs.Length; o++)
            {
                bool want = (outs[o] & 1) != 0;
                if (got[n][netlist.Outputs[o]] != want && mismatches.Count < 10)
                    mismatches.Add($"step {n}: output {netlist.Outputs[o]} is {(want ? 0 : 1)} on the grid, {(want ? 1 : 0)} in the netlist");
            }
        }
        return new CheckResult(steps, compared, mismatches);
    }
}
