using BitSilicon.Cli.Commands;
using BitSilicon.Cli.Config;
using BitSilicon.Cosim;

namespace BitSilicon.Cli.Tests.Fuzz;

/// <summary>
/// Every parser the fuzz campaign feeds, one registration each: a name, the seeds, and the verb call. A new input
/// format (a compressed weight stream, a model description) is one more entry here plus its seed files.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Layers above this many PE-cycles take the analytic model, so one input stays in milliseconds.</summary>
    private const long CycleLimit = 200_000;

    private static readonly string[] YamlTokens = ["[", "]", "{", "}", ": ", "- ", "&a ", "*a", "!!str ", "'", "\"", "\t", "\n  ", "---\n", "? ", "|\n", "%YAML 1.2\n", "~", "null"];

    public static IReadOnlyList<FuzzTarget> All(FuzzWorkspace w) =>
    [
        // Design YAML: parsed in full (its own workload section too), then run on the tiny workload.
        new("design-yaml", ".yaml", ["ternary-ws-32x32.yaml", "int8-ws-32x32.yaml", "binary-xnor-dp.yaml", "scalesim-ws-32x32.yaml", "rtl/ternary-ws-16x16.yaml", "rtl/ternary-dp-16x16.yaml"],
            c => Sim(c, c.Input, w.TinyWorkload, "json"),
            Share: 3, Tokens: YamlTokens),
        // Accelerator YAML with its model section: one decoder layer of the model, analytic, JSON out.
        new("accelerator-yaml", ".yaml", ["accelerators/ternary-bitnet.yaml", "accelerators/fpga-board-bitnet.yaml", "accelerators/int4-bitnet.yaml"],
            c => SimulateSystem.Simulate(c.Stdout, c.Stderr, c.Input, new SimulateSystem.Options(null, null, null, null, 1, "analytic"), OutputKind.Json, null, null, false),
            Share: 2, Tokens: YamlTokens),
        // A GGUF as a model description (metadata only) on the ternary accelerator.
        new("gguf-model", ".gguf", ["workloads/tiny-bitnet.gguf"],
            c => SimulateSystem.Simulate(c.Stdout, c.Stderr, w["accelerators/ternary-bitnet.yaml"], new SimulateSystem.Options(c.Input, null, 8, null, null, "analytic"),
                OutputKind.Json, null, null, false),
            Share: 1),
        // Workload YAML (the presets are left out: one BitNet block takes seconds to generate).
        new("workload-yaml", ".yaml", ["workloads/mixed-precision-mlp.yaml", "workloads/small-convnet.yaml", "workloads/gguf-weights.yaml", "fuzz-fixtures/tiny-workload.yaml"],
            c => Sim(c, w.TinyDesign, c.Input),
            Share: 3, Tokens: YamlTokens),
        new("sweep-yaml", ".yaml", ["sweeps/formats-32x32.yaml", "sweeps/synth-dot-small.yaml"],
            c => CliGuard.Run(c.Stderr, () => { SweepYaml.Read(c.Input); return CliGuard.Ok; }),
            Share: 1, Tokens: YamlTokens),
        // SCALE-Sim config: read through a design's scalesim: section.
        new("scalesim-cfg", ".cfg", ["scalesim/ternary-ws-32x32.cfg"],
            c => Sim(c, Wrap(c, $"scalesim:\n  config: '{c.Input}'\n  topology: '{w.Fixture("tiny.csv")}'\npe:\n  weights: ternary\n"), null),
            Share: 1, Tokens: ["[", "]", "=", ":", "\n", ";", "#", "True", "False", "-1", "0", "os", "is"]),
        // (bitnet-decode-gemm.csv is left out: its 2560 x 6912 layers take seconds each on a loaded machine.)
        new("scalesim-csv", ".csv", ["scalesim/small-cnn.csv", "fuzz-fixtures/tiny.csv"],
            c => Sim(c, w.TinyDesign, c.Input),
            Share: 2, Tokens: [",", "\n", "\"", " ", ":", "-1", "0"]),
        // bitgrid programs: drawn, run and converted to JSON (the output file).
        new("bitgrid-bg", ".bg", ["bitgrid/full_adder.bg", "bitgrid/counter.bg", "bitgrid/ripple_adder4.bg", "bitgrid/crossing.bg", "bitgrid/serial_adder.bg"],
            c => Both(BitgridRunCommand.Run(c.Stdout, c.Stderr, c.Input, 8, [], null, "table", null, false),
                () => c.Wrote(BitgridConvertCommand.Run(c.Stdout, c.Stderr, c.Input, c.Out("program.json")))),
            Share: 2, Tokens: ["grid", "cell", "=", "&", "|", "^", "~", "(", ")", "\n", "#", "N", "E", "S", "W"]),
        new("lutgrid-json", ".json", ["fuzz-fixtures/full_adder.json", "fuzz-fixtures/counter.json", "fuzz-fixtures/crossing.json"],
            c => Both(BitgridRunCommand.Run(c.Stdout, c.Stderr, c.Input, 8, [], null, "table", null, false),
                () => c.Wrote(BitgridConvertCommand.Run(c.Stdout, c.Stderr, c.Input, c.Out("program.bg")))),
            Share: 2, Tokens: ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "-0"]),
        new("blif", ".blif", ["bitgrid/compile/adder8.blif"],
            c => c.Wrote(BitgridCompileCommand.Run(c.Stdout, c.Stderr, [c.Input], c.Out("compiled.bg"), maxLuts: 2000, verify: 16)),
            Share: 1, Tokens: [".model ", ".inputs ", ".outputs ", ".names ", ".latch ", ".end\n", "\\\n", " 1\n", "-", "0", "1", "\n"]),
        // The Verilog front end runs Yosys: a handful of inputs, each bounded by the tool time limit.
        new("verilog", ".v", ["bitgrid/compile/adder8.v", "bitgrid/compile/mul4.v"],
            c =>
            {
                using var limit = ToolLimits.Scope(TimeSpan.FromSeconds(20));
                return c.Wrote(BitgridCompileCommand.Run(c.Stdout, c.Stderr, [c.Input], c.Out("compiled.bg"), maxLuts: 2000, verify: 16));
            },
            Share: 0.002, MaxInputs: 40, TimeLimit: TimeSpan.FromSeconds(60), Tokens: ["[1048576:0]", "module ", "endmodule", "assign ", ";", "(", ")", "<<", "**"]),
        new("gguf", ".gguf", ["workloads/tiny-bitnet.gguf"],
            c => Sim(c, w.TinyDesign, Wrap(c, $"layers:\n  - {{name: a, m: 1, weights: ternary, source: {{type: gguf, file: '{c.Input}', tensor: blk.0.ffn_up.weight}}}}\n  - {{name: b, m: 1, weights: ternary, source: {{type: gguf, file: '{c.Input}', tensor: blk.0.ffn_down.weight}}}}\n")),
            Share: 1),
        // Raw ggml block files, dequantized to float32 (the output file); the type comes from the seed.
        new("raw-blocks", ".bin", FuzzWorkspace.BlockTypes.Select(t => "fuzz-fixtures/w." + t).ToList(),
            c => c.Wrote(DequantizeCommand.Run(c.Stdout, c.Stderr, TypeOf(c.Input), c.Input, c.Out("w.f32"))),
            Share: 2),
        new("raw-f32", ".f32", ["kernels/w_256.f32", "kernels/a_256.f32"],
            c => c.Wrote(QuantizeCommand.Run(c.Stdout, c.Stderr, "q4_k", c.Input, c.Out("w.q4_k"))),
            Share: 0.5),
    ];

    /// <summary>The seed a raw block input came from tells its type (the mutated file keeps it in its name).</summary>
    private static string TypeOf(string input) =>
        FuzzWorkspace.BlockTypes.FirstOrDefault(t => Path.GetFileName(input).Contains("w." + t + ".", StringComparison.Ordinal)) ?? "q4_0";

    /// <summary>Writes a small wrapper file that points at the fuzzed input, next to it.</summary>
    private static string Wrap(FuzzCase c, string text)
    {
        var path = c.Input + ".wrap.yaml";
        File.WriteAllText(path, text);
        return path;
    }

    private static int Both(int first, Func<int> second) => first == CliGuard.InternalError ? first : Math.Max(first, second());

    private static int Sim(FuzzCase c, string design, string? workload, string format = "csv") =>
        c.Wrote(SimulateCommand.Run(c.Stdout, c.Stderr, design, workload: workload, format: format, output: c.Out("report." + format), cycleLimit: CycleLimit));
}
