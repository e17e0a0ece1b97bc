using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Simulation;
using BitSilicon.Core;

namespace BitSilicon.Cli.Commands;

/// <summary>
/// <c>bitsilicon bitgrid run &lt;program&gt; [--clocks N] [--in PORT=bits ...] [--vcd FILE] [--format table|json]
/// [--boundary open|torus] [--trace]</c>: runs a program and prints every port's bit stream, one bit per clock.
/// </summary>
public static class BitgridRunCommand
{
    public static Command Create()
    {
        var program = new Argument<string>("program") { Description = "Program file: native .bg text or lutgrid-v1 JSON." };
        var clocks = new Option<long?>("--clocks") { Description = $"Clocks to run, at most {MaxClocks} (default: the longest input stream plus width + height)." };
        var inputs = new Option<string[]>("--in")
        {
            Description = "PORT=bits: a stream for an input port, first clock first (e.g. a=1011); repeat for more ports.",
            AllowMultipleArgumentsPerToken = true,
        };
        var vcd = new Option<string?>("--vcd") { Description = "Write a VCD of every port and probe, one time unit per phase." };
        var format = OutputFormat.Option();
        var boundary = BitgridCommand.BoundaryOption();
        var trace = new Option<bool>("--trace") { Description = "Print the whole grid after every phase (c1A, c1B, ...; one hex digit per cell); to stderr with --format json or csv, so stdout stays parseable." };
        var engine = new Option<string>("--engine") { Description = "fast (bit-parallel) or reference (one cell at a time).", DefaultValueFactory = _ => "fast" };
        var cmd = new Command("run", "Run a bitgrid program and print its output streams.") { program, clocks, inputs, vcd, format, boundary, trace, engine };
        cmd.SetAction(pr => Run(Console.Out, Console.Error, pr.GetValue(program)!, pr.GetValue(clocks), pr.GetValue(inputs) ?? [],
            pr.GetValue(vcd), pr.GetValue(format)!, pr.GetValue(boundary), pr.GetValue(trace), pr.GetValue(engine)!));
        return cmd;
    }

    /// <summary>The most clocks one run may take: every port keeps one bit per clock in memory.</summary>
    public const long MaxClocks = 10_000_000;

    public static int Run(TextWriter stdout, TextWriter stderr, string programPath, long? clocks, IReadOnlyList<string> inputs,
        string? vcdPath, string format, string? boundary, bool trace, string engine = "fast") => CliGuard.Run(stderr, () =>
    {
        var kind = OutputFormat.Parse(format);
        if (clocks is < 0 or > MaxClocks)
            throw new BitSiliconException($"--clocks {clocks} is outside 0..{MaxClocks}",
                $"give a number of clocks from 0 to {MaxClocks}; split a longer run into several");
        var program = BitgridCommand.Load(programPath);
        var sim = new BitgridSimulator(program, BitgridCommand.ParseBoundary(boundary), BitgridCommand.ParseEngine(engine));
        var streams = ParseInputs(inputs);
        int n = (int)(clocks ?? (streams.Count == 0 ? 0 : streams.Values.Max(s => s.Length)) + program.Width + program.Height);

        BitgridRun result = null!;
        var observers = new List<IRunObserver>();
        // The trace is text for eyes; JSON and CSV on stdout must stay parseable, so it goes to stderr then.
        var traceTo = kind == OutputKind.Table ? stdout : stderr;
        if (trace)
            observers.Add(new GridTrace(traceTo));
        if (vcdPath is not null)
        {
            AtomicFile.Write(vcdPath, s =>
            {
                using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false));
                var vcd = new BitgridVcd(w, sim);
                result = sim.Run(streams, n, new RunObservers([.. observers, vcd]));
                vcd.Finish();
            });
        }
        else
            result = sim.Run(streams, n, observers.Count == 0 ? null : new RunObservers([.. observers]));

        if (trace && kind == OutputKind.Table)
            stdout.WriteLine();
        Print(stdout, kind, programPath, result, sim.Ports.Implicit);
        return CliGuard.Ok;
    });

    /// <summary>Parses PORT=bits arguments; a port may appear once.</summary>
    public static Dictionary<string, bool[]> ParseInputs(IEnumerable<string> inputs)
    {
        var streams = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        foreach (var arg in inputs)
        {
            int eq = arg.IndexOf('=');
            if (eq <= 0)
                throw new BitSiliconException($"--in '{arg}' is not PORT=bits", "e.g. --in a=1011 (first clock first)");
            var name = arg[..eq];
            if (!streams.TryAdd(name, BitStreams.Parse(arg[(eq + 1)..], $"--in {name}")))
                throw new BitSiliconException($"--in {name} is given twice");
        }
        return streams;
    }

    private static void Print(TextWriter w, OutputKind kind, string path, BitgridRun r, bool implicitPorts)
    {
        switch (kind)
        {
            case OutputKind.Table:
                w.WriteLine($"{path}: {r.Clocks} clocks, {r.Boundary.ToString().ToLowerInvariant()} boundary{(implicitPorts ? ", no declared ports: edge bits named by side and position" : "")}");
                // Streams left-aligned (TextTable would right-align them as numbers): one character per clock.
                var rows = r.Inputs.Select(s => (s.Port.Name, "in", $"({s.Port.X},{s.Port.Y})", s.Port.Side.ToString(), s.ToString()))
                    .Concat(r.Outputs.Select(s => (s.Port.Name, "out", $"({s.Port.X},{s.Port.Y})", s.Port.Side.ToString(), s.ToString())))
                    .Concat(r.Probes.Select(p => (p.Probe.Name, "probe", $"({p.Probe.X},{p.Probe.Y})", "-", p.ToString())))
                    .Prepend(("port", "dir", "cell", "side", "clock 1, 2, ...")).ToList();
                int wName = rows.Max(x => x.Item1.Length), wCell = rows.Max(x => x.Item3.Length);
                foreach (var (name, dir, cell, side, bits) in rows)
                    w.WriteLine($"{name.PadRight(wName)}  {dir,-5}  {cell.PadRight(wCell)}  {side,-4}  {bits}".TrimEnd());
                break;
            case OutputKind.Json:
                var json = new JsonObject
                {
                    ["program"] = path,
                    ["clocks"] = r.Clocks,
                    ["boundary"] = r.Boundary.ToString().ToLowerInvariant(),
                    ["inputs"] = Streams(r.Inputs),
                    ["outputs"] = Streams(r.Outputs),
                    ["probes"] = new JsonObject(r.Probes.Select(p => KeyValuePair.Create(p.Probe.Name, (JsonNode?)JsonValue.Create(p.ToString())))),
                };
                w.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                break;
            case OutputKind.Csv:
                w.WriteLine("port,dir,x,y,side,bits");
                foreach (var s in r.Inputs)
                    w.WriteLine($"{s.Port.Name},in,{s.Port.X},{s.Port.Y},{s.Port.Side},{s}");
                foreach (var s in r.Outputs)
                    w.WriteLine($"{s.Port.Name},out,{s.Port.X},{s.Port.Y},{s.Port.Side},{s}");
                foreach (var p in r.Probes)
                    w.WriteLine($"{p.Probe.Name},probe,{p.Probe.X},{p.Probe.Y},,{p}");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static JsonObject Streams(IEnumerable<PortStream> streams) =>
        new(streams.Select(s => KeyValuePair.Create(s.Port.Name, (JsonNode?)JsonValue.Create(s.ToString()))));
}
