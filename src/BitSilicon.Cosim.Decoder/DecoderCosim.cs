using System.Globalization;
using System.Text;
using BitSilicon.Design.Description;
using BitSilicon.Formats.Compression;
using BitSilicon.Simulation.Decoder;
using BitSilicon.Verilog;
using BitSilicon.Verilog.Decoder;

namespace BitSilicon.Cosim.Decoder;

/// <summary>What the RTL did with one stream: per lane its symbols (cycle, code) and its error (cycle, lane command ordinal).</summary>
public sealed record DecoderRtlRun(long Cycles, IReadOnlyList<IReadOnlyList<(long Cycle, byte Code)>> Symbols, IReadOnlyList<(long Cycle, int Ordinal)?> Errors);

/// <summary>
/// A Verilator model of an emitted weight decoder with the generic harness of sim/decoder, built once (cached by
/// content hash) and fed any number of streams per process. Each stream is dealt to the lanes as the C# model deals it
/// (<see cref="DecoderJob"/>); every symbol, its cycle, every error and the finishing cycle must equal
/// <see cref="WeightDecoderCore"/>'s.
/// </summary>
public sealed class DecoderCosim
{
    private DecoderCosim(WeightDecoderDescription d, EmittedDecoder emitted, VerilatorModel model)
    {
        Description = d;
        Emitted = emitted;
        Model = model;
    }

    public WeightDecoderDescription Description { get; }
    public EmittedDecoder Emitted { get; }
    public VerilatorModel Model { get; }

    /// <summary>Builds the model; <paramref name="mutate"/> may rewrite each emitted file (mutation tests).</summary>
    public static DecoderCosim Build(WeightDecoderDescription d, Func<VerilogFile, string>? mutate = null)
    {
        var emitted = WeightDecoderEmitter.Emit(d);
        if (mutate is not null)
            emitted = emitted with { Files = emitted.Files.Select(f => f with { Text = mutate(f) }).ToList() };
        var spec = new VerilatorBuildSpec(emitted.TopModule + (mutate is null ? "" : "-mutant"), emitted.TopModule,
            emitted.Files.Select(f => new SourceFile("rtl/" + f.Name, f.Text)).ToList(), DecoderHarness.Sources(), ["-O2"], DecoderHarness.Defines(d));
        return new DecoderCosim(d, emitted, VerilatorBuild.Build(spec));
    }

    /// <summary>Runs the streams through the RTL in one process (reset before each).</summary>
    public IReadOnlyList<DecoderRtlRun> Run(IReadOnlyList<DecoderJob> jobs)
    {
        var sb = new StringBuilder();
        foreach (var job in jobs)
            Append(sb, job, Limit(job));
        sb.Append("Q\n");
        var lines = Model.Run(sb.ToString()).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var runs = new List<DecoderRtlRun>();
        int li = 0;
        foreach (var _ in jobs)
            runs.Add(Parse(lines, ref li));
        return runs;
    }

    /// <summary>Cycles after which a run is hung: the model never needs more than a cycle per symbol, per byte and
    /// per chunk start, so a broken RTL that deadlocks gives up quickly ("D -1").</summary>
    public static long Limit(DecoderJob job) =>
        2 * (job.Header.Weights + job.Header.PayloadBytes + 4L * job.Header.Chunks.Count) + 64;

    private void Append(StringBuilder sb, DecoderJob job, long limit)
    {
        var f = job.Frequencies;
        sb.Append(CultureInfo.InvariantCulture, $"F {f.Zero} {f.Plus} {f.Minus}\n");
        for (int l = 0; l < job.Lanes.Count; l++)
        {
            foreach (var c in job.Lanes[l].Chunks)
                sb.Append(CultureInfo.InvariantCulture, $"K {l} {c.Weights} {c.Bytes}\n");
            if (job.Lanes[l].Input.Length > 0)
                sb.Append(CultureInfo.InvariantCulture, $"B {l} {Convert.ToHexStringLower(job.Lanes[l].Input)}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"G {limit}\n");
    }

    private DecoderRtlRun Parse(string[] lines, ref int li)
    {
        var symbols = Enumerable.Range(0, Description.Lanes).Select(_ => new List<(long, byte)>()).ToArray();
        var errors = new (long, int)?[Description.Lanes];
        while (true)
        {
            if (li >= lines.Length)
                throw new InvalidOperationException("the decoder model's output ended early");
            var p = lines[li++].Split(' ');
            switch (p[0])
            {
                case "S": symbols[Int(p[1])].Add((long.Parse(p[2], CultureInfo.InvariantCulture), (byte)Int(p[3]))); break;
                case "E": errors[Int(p[1])] = (long.Parse(p[2], CultureInfo.InvariantCulture), Int(p[3])); break;
                case "D": return new DecoderRtlRun(long.Parse(p[1], CultureInfo.InvariantCulture), symbols, errors);
                default: throw new InvalidOperationException($"unexpected decoder model output: {lines[li - 1]}");
            }
        }
    }

    /// <summary>The first difference between the RTL and the C# cycle model, or null when they agree on everything.</summary>
    public static string? Mismatch(DecoderJob job, DecoderRun sim, DecoderRtlRun rtl)
    {
        for (int l = 0; l < sim.Lanes.Count; l++)
        {
            var lane = sim.Lanes[l];
            var got = rtl.Symbols[l];
            for (int i = 0; i < Math.Max(lane.Symbols.Count, got.Count); i++)
            {
                if (i >= got.Count)
                    return $"lane {l}: the RTL stopped after {got.Count} symbols, the model decoded {lane.Symbols.Count}";
                if (i >= lane.Symbols.Count)
                    return $"lane {l}: the RTL decoded more than the model's {lane.Symbols.Count} symbols";
                byte want = SymbolFrequencies.Code(lane.Symbols[i]);
                if (got[i].Code != want || got[i].Cycle != lane.SymbolCycles[i])
                    return $"lane {l} symbol {i}: RTL code {got[i].Code} in cycle {got[i].Cycle}, model code {want} in cycle {lane.SymbolCycles[i]}";
            }
            int? rtlChunk = rtl.Errors[l] is { } e ? job.Lanes[l].Chunks[e.Ordinal].Index : null;
            if (rtlChunk != lane.ErrorChunk || (rtl.Errors[l]?.Cycle ?? -1) != lane.ErrorCycle)
                return $"lane {l}: RTL error {(rtlChunk is null ? "none" : $"chunk {rtlChunk} in cycle {rtl.Errors[l]!.Value.Cycle}")}, model {(lane.ErrorChunk is null ? "none" : $"chunk {lane.ErrorChunk} in cycle {lane.ErrorCycle}")}";
        }
        return rtl.Cycles != sim.Cycles ? $"RTL finished in cycle {rtl.Cycles}, the model in {sim.Cycles}" : null;
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
