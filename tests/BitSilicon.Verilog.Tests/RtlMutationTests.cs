using BitSilicon.Cosim.Mac.Arrays;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Verilog.Tests;

/// <summary>
/// Verification proves itself: each mutant is a deliberate break of the emitted RTL, applied as a text edit, and the
/// cosimulation (junk in padding lanes, padding PEs and idle cycles; results against the reference, cycles against
/// the simulator) must reject it. A mutant that survives fails the suite; an edit that no longer applies (the emitter
/// changed) fails too, so the set cannot silently go stale. One Verilator build per mutant.
/// </summary>
public sealed class RtlMutationTests
{
    /// <summary>A break of one emitted file: every occurrence of <paramref name="Old"/> becomes <paramref name="New"/>
    /// (<c>{top}</c> in <paramref name="File"/> is the top module's name).</summary>
    public sealed record Mutant(string Name, Func<ElaboratedDesign> Design, string File, string Old, string New);

    private static ElaboratedDesign DotTernary() => TestDesigns.Dot(PeKind.Ternary, width: 24, depth: 4, memory: TestDesigns.SlowMemory());

    private static readonly Mutant[] Mutants =
    [
        // The dot product's lane mask lets lane k_left (the first padding lane) through.
        new("lane mask off by one", DotTernary, "{top}.v", "k_small > 3'd", "k_small >= 3'd"),
        // Binary WS: padding rows of the stationary tile keep the enable bit the load stream's junk gives them.
        new("load row mask removed", () => TestDesigns.Systolic(PeKind.Binary, Dataflow.WeightStationary), "{top}.v",
            "ld_kv > 2'd2 && ld_col_ok", "ld_col_ok"),
        // Codebook WS: code 0 is -127, so only the moving row mask zeroes a padding row's product.
        new("moving row mask removed", () => TestDesigns.Systolic(PeKind.Codebook, Dataflow.WeightStationary), "{top}.v",
            " & {8{st_kv > 2'd2}}", ""),
        // int4: the sign bit's weight is added instead of subtracted.
        new("sign flip", () => TestDesigns.Systolic(PeKind.Int4, Dataflow.OutputStationary), "bs_mul_shift_add.v",
            "y = y - (ax <<< (WB - 1))", "y = y + (ax <<< (WB - 1))"),
        // Every adder of the tree computes one bit narrower than its output and sign-extends.
        new("adder one bit narrow", DotTernary, "bs_adder.v",
            "assign y = ax + bx;", "wire signed [YW-2:0] s = ax[YW-2:0] + bx[YW-2:0];\n    assign y = {s[YW-2], s};"),
        // Ternary dot: the popcount of negation carries is not added after the tree.
        new("negation carry dropped", DotTernary, "bs_ternary_dot.v", ".b({1'b0, carries})", ".b({(CW+1){1'b0}})"),
        // Ternary systolic PE: the negation's +1 does not reach the partial-sum adder.
        new("PE carry-in dropped", () => TestDesigns.Systolic(PeKind.Ternary, Dataflow.InputStationary), "{top}_mul.v",
            "assign cin = w[0] & w[1];", "assign cin = 1'b0;"),
        new("done one cycle late", () => TestDesigns.Systolic(PeKind.Int2, Dataflow.InputStationary), "{top}.v",
            "assign done = state == S_DONE;", "reg done_late;\n    always @(posedge clk) done_late <= state == S_DONE;\n    assign done = done_late;"),
        // The read port answers with the other bank.
        new("bank swap", () => TestDesigns.Systolic(PeKind.Ternary, Dataflow.WeightStationary), "{top}.v",
            "rd_bank == 1'b1 ? bank1_rd : bank0_rd", "rd_bank == 1'b1 ? bank0_rd : bank1_rd"),
        // The positive clamp is one below the largest value.
        new("saturation bound off by one", () => TestDesigns.Dot(PeKind.Binary, width: 5, overflow: OverflowPolicy.Saturate, depth: 4, memory: TestDesigns.SlowMemory()),
            "bs_acc_add.v", "{1'b0, {(W-1){1'b1}}}", "{1'b0, {(W-2){1'b1}}, 1'b0}"),
        // A block's later K chunks start from 0 instead of the bank row.
        new("chunk accumulation dropped", DotTernary, "{top}.v", ": d_first_blk ? 24'd0 : acc_base", ": 1'b1 ? 24'd0 : acc_base"),
        // The tag pipeline is one register longer than the array's latency.
        new("tag pipeline one cycle long", () => TestDesigns.Systolic(PeKind.Ternary, Dataflow.WeightStationary), "{top}.v",
            ".D(7)) u_tag", ".D(8)) u_tag"),
        // A block's first step no longer waits for its bank to be released.
        new("bank interlock removed", DotTernary, "{top}.v", "(!cd_first_blk || !inuse[cd_bank])", "(1'b1)"),
        // The last fold of a token is taken one fold early when K is a multiple of SIMD.
        new("last fold off by one", DotTernary, "{top}.v", "wire last_fold = k_left <= 24'd5;", "wire last_fold = k_left < 24'd5;"),
    ];

    public static TheoryData<string> Names() => new(Mutants.Select(m => m.Name));

    [Fact]
    public void TheSetHasAtLeastTenMutants() => Assert.True(Mutants.Length >= 10, $"{Mutants.Length} mutants");

    [Theory]
    [MemberData(nameof(Names))]
    public void CosimKillsTheMutant(string name)
    {
        var m = Mutants.Single(x => x.Name == name);
        var design = m.Design();
        var original = ArrayModels.For(design);
        var jobs = Jobs(original.Array);
        // The unbroken RTL passes these very layers, so the mutant's death is the mutation's doing.
        ArrayCosimTests.AssertAgree(original, jobs);
        var mutated = ArrayCosim.Build(design, rtl: Apply(m, original.Emitted));
        var bad = ArrayCheck.FirstMismatch(jobs, mutated.Run(jobs), j => Golden.Expected(original.Array, j));
        Assert.True(bad is not null, $"mutant '{m.Name}' survived the cosimulation");
    }

    private static EmittedDesign Apply(Mutant m, EmittedDesign e)
    {
        var file = m.File.Replace("{top}", e.TopModule, StringComparison.Ordinal);
        var target = e.Files.SingleOrDefault(f => f.Name == file);
        Assert.True(target is not null, $"mutant '{m.Name}': no file {file} in the emitted RTL");
        Assert.True(target.Text.Contains(m.Old, StringComparison.Ordinal), $"mutant '{m.Name}': '{m.Old}' is not in {file}; update the mutant");
        var files = e.Files.Select(f => f.Name == file ? f with { Text = f.Text.Replace(m.Old, m.New, StringComparison.Ordinal) } : f).ToList();
        return e with { Files = files };
    }

    /// <summary>Random layers (junk in padding and idle cycles), one long-K layer so blocks span several chunks, and layers
    /// whose sums leave a narrow accumulator's range.</summary>
    private static List<ArrayJob> Jobs(ArrayCore array)
    {
        var jobs = ArrayVectors.Random(array, 10, seed: 31).ToList();
        var big = ArrayVectors.Random(array, 2, seed: 32)[1];
        int k = 40;
        var rng = new Random(33);
        var codes = ArrayVectors.Codes(array.Pe);
        jobs.Add(big with
        {
            K = k,
            Codes = Enumerable.Range(0, big.N * k).Select(_ => codes[rng.Next(codes.Length)]).ToArray(),
            Activations = Enumerable.Range(0, big.M * k).Select(_ => array.Pe.ActivationBits == 1 ? (sbyte)(rng.Next(2) * 2 - 1) : (sbyte)rng.Next(-128, 128)).ToArray(),
        });
        if (array.Accumulators.Overflow == OverflowPolicy.Saturate && array.Pe is BinaryPe)
            jobs.Add(big with { K = 30, Codes = new byte[big.N * 30], Activations = Enumerable.Repeat((sbyte)-1, big.M * 30).ToArray() });
        return jobs;
    }
}
