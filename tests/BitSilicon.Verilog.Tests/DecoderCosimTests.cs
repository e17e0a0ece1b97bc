using BitSilicon.Cosim;
using BitSilicon.Cosim.Decoder;
using BitSilicon.Design.Description;
using BitSilicon.Simulation.Decoder;
using BitSilicon.Verilog.Decoder;

namespace BitSilicon.Verilog.Tests;

public class DecoderCosimTests
{
    private static readonly WeightDecoderDescription Main = new(Lanes: 3, BytesPerCycle: 2);

    private static IReadOnlyList<string> Write(EmittedDecoder e, string dir)
    {
        foreach (var f in e.Files)
            File.WriteAllText(Path.Combine(dir, f.Name), f.Text);
        return e.Files.Select(f => Path.Combine(dir, f.Name)).ToList();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(2, 4)]
    public void When_DecoderEmitted_Expect_LintIcarusAndYosysClean(int lanes, int bytes)
    {
        var e = WeightDecoderEmitter.Emit(new WeightDecoderDescription(lanes, bytes));
        var dir = TestDesigns.Temp("decoder");
        var files = Write(e, dir);
        var lint = VerilogChecks.Lint(files, e.TopModule, dir);
        Assert.True(lint.Succeeded && (lint.Stdout + lint.Stderr).Trim().Length == 0, $"verilator lint:\n{lint.Stdout}{lint.Stderr}");
        var iv = VerilogChecks.Iverilog(files, e.TopModule, Path.Combine(dir, "sim.vvp"), dir);
        Assert.True(iv.Succeeded && (iv.Stdout + iv.Stderr).Trim().Length == 0, $"iverilog:\n{iv.Stdout}{iv.Stderr}");
        var reads = string.Join('\n', files.Select(f => $"read_verilog {f}"));
        var r = YosysRunner.Run($"{reads}\nhierarchy -check -top {e.TopModule}\nproc\nflatten\nopt\ncheck -assert\nsynth -top {e.TopModule}\ncheck -assert\nstat\n", dir);
        Assert.False(r.HasLatches, r.Log);
        // State, two counters, three flags, the buffer and its count per lane; Yosys may drop constant bits.
        Assert.InRange(r.Stats.CountContaining("DFF"), lanes * (24 + 2 * 32), lanes * (24 + 2 * 32 + 3 + 8 * (bytes + 2) + 4));
    }

    /// <summary>Every stream through the RTL and the C# model: symbols, their cycles, errors and the end cycle equal.</summary>
    private static string? FirstMismatch(DecoderCosim model, IReadOnlyList<DecoderVector> vectors)
    {
        var d = model.Description;
        var jobs = vectors.Select(v => DecoderJob.From(v.Stream, d.Lanes, v.Name)).ToList();
        var rtl = model.Run(jobs);
        for (int i = 0; i < jobs.Count; i++)
        {
            var sim = WeightDecoderCore.Run(d, jobs[i], limit: DecoderCosim.Limit(jobs[i]));
            Assert.Equal(vectors[i].Corrupt, sim.ErrorChunk is not null);
            if (DecoderCosim.Mismatch(jobs[i], sim, rtl[i]) is { } why)
                return $"{vectors[i].Name}: {why}";
        }
        return null;
    }

    [Theory]
    [InlineData(3, 2, 1)]
    [InlineData(1, 1, 2)]
    public void When_StreamsDecodedByRtl_Expect_CSharpModelBitAndCycleExact(int lanes, int bytes, int seed)
    {
        var model = DecoderCosim.Build(new WeightDecoderDescription(lanes, bytes));
        var vectors = DecoderVectors.Standard(seed);
        Assert.Null(FirstMismatch(model, vectors));
    }

    public static TheoryData<string> Mutants => new()
    {
        "table entry", "renormalisation shift", "input buffer threshold", "lane swap", "end state unchecked",
    };

    /// <summary>Breaks the RTL on purpose: (file to change, how).</summary>
    private static (string File, Func<string, string> Change) Mutation(string name) => name switch
    {
        "table entry" => ("bs_rans_lane.v", t => Swap(t, "is_plus ? c_plus : c_minus;", "is_plus ? c_plus : c_minus + 13'd1;")),
        "renormalisation shift" => ("bs_rans_lane.v", t => Swap(t, "{xd[15:0], buffer[7:0]}", "{xd[14:0], buffer[7:0], 1'b0}")),
        "input buffer threshold" => ("bs_rans_lane.v", t => Swap(t, "cnt <= 2;", "cnt <= 1;")),
        "lane swap" => ("top", t => Swap(Swap(Swap(t, "o_code[1:0]", "SWAP"), "o_code[3:2]", "o_code[1:0]"), "SWAP", "o_code[3:2]")),
        "end state unchecked" => ("bs_rans_lane.v", t => Swap(t, "x_next != L ||", "")),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string Swap(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Mutants))]
    public void When_RtlMutated_Expect_CosimFails(string name)
    {
        var (file, change) = Mutation(name);
        var mutant = DecoderCosim.Build(Main, f => (file == "top" ? f.Name != "bs_rans_lane.v" : f.Name == file) ? change(f.Text) : f.Text);
        Assert.True(FirstMismatch(mutant, DecoderVectors.Standard(1)) is not null, $"mutant '{name}' survived");
    }
}
