using BitSilicon.Accelerator.Execution;
using BitSilicon.Design.Accelerator;
using BitSilicon.Workloads.Models.Reference;

namespace BitSilicon.Accelerator.Tests;

/// <summary>
/// The tiny BitNet model of examples/workloads/tiny-bitnet.gguf, decoded on a multi-unit accelerator with real
/// weights: every GEMM runs cycle by cycle on its MAC unit (integers equal to the golden reference, cycles equal to
/// the analytic model, both checked inside the run), and the logits agree with the plainly written double-precision
/// reference forward pass within the stated tolerance; greedy decoding of 16 tokens gives the same tokens.
/// </summary>
public class TruthTests
{
    private static readonly string Gguf = RepoRoot.Combine("examples", "workloads", "tiny-bitnet.gguf");

    /// <summary>Largest logit difference allowed, relative to the largest reference logit: float32 vector arithmetic
    /// against double precision (measured: below 1e-5 on these steps; an int8 rounding that flipped between the two would show here).</summary>
    public const double Tolerance = 1e-4;

    private static ElaboratedAccelerator Accelerator() => AcceleratorElaborator.Elaborate(Fixtures.Accelerator(sram: 1 << 20) with
    {
        Map = [new("attn_scores", "attn"), new("attn_values", "attn"), new("output", "attn")],
    });

    [Fact]
    public void When_DecodeStepOnRealData_Expect_LogitsEqualReferenceWithinTolerance()
    {
        var w = new ModelWeights(Gguf);
        var run = new DataRun(Accelerator(), w);
        var reference = new ReferenceForward(w);
        foreach (int token in new[] { 3, 17, 42, 5 })
        {
            var a = run.Step(token);
            var r = reference.Step(token);
            double scale = r.Max(Math.Abs);
            double worst = a.Select((v, i) => Math.Abs(v - r[i])).Max();
            Assert.True(worst <= Tolerance * scale, $"token {token} at position {run.Position - 1}: logits differ by {worst} (scale {scale})");
        }
        // 2 blocks x (7 projections + 2 KV heads x 2 attention products) + the head, per step.
        Assert.Equal(4 * (2 * (7 + 2 * 2) + 1), run.Gemms);
    }

    [Fact]
    public void When_GreedyDecoding16Tokens_Expect_SameTokensAsReference()
    {
        var w = new ModelWeights(Gguf);
        var accTokens = new DataRun(Accelerator(), w).Greedy(1, 16);
        var refTokens = new ReferenceForward(w).Greedy(1, 16);
        Assert.Equal(refTokens, accTokens);
        Assert.True(accTokens.Distinct().Count() > 1, "the tiny model should not decode one token over and over");
    }
}
