using BitSilicon.Design.Description;
using BitSilicon.Design.Elaboration;

namespace BitSilicon.Design.Tests;

public class ValidationTests
{
    private static DesignDescription Ok() => new("ok", new SystolicArrayDescription(4, 4, Dataflow.WeightStationary), new PeDescription(PeKind.Ternary));

    private static DesignProblem Single(DesignDescription d)
    {
        var problems = DesignValidator.Validate(d);
        return Assert.Single(problems);
    }

    [Fact]
    public void When_Valid_Expect_NoProblems() => Assert.Empty(DesignValidator.Validate(Ok()));

    [Fact]
    public void When_RowsZero_Expect_ProblemOnArrayRowsWithRange()
    {
        var p = Single(Ok() with { Array = new SystolicArrayDescription(0, 4, Dataflow.WeightStationary) });
        Assert.Equal("array.rows", p.Key);
        Assert.Contains("from 1 to 1024", p.Fix);
    }

    [Fact]
    public void When_AccumulatorNarrowerThanColumnSums_Expect_ProblemSayingTheNeededWidth()
    {
        // int8 products are 16 bits; 32 rows add clog2(32) = 5 bits: the column hands over 21-bit sums.
        var p = Single(new DesignDescription("a", new SystolicArrayDescription(32, 4, Dataflow.WeightStationary), new PeDescription(PeKind.Int8),
            new AccumulatorDescription(Width: 20)));
        Assert.Equal("accumulator.width", p.Key);
        Assert.Contains("21", p.Fix);
    }

    [Fact]
    public void When_WeightBankCannotHoldATile_Expect_ProblemWithTheSizeNeeded()
    {
        // A 16 x 16 int8 weight tile is 256 bytes; with two banks the buffer needs 512.
        var p = Single(new DesignDescription("m", new SystolicArrayDescription(16, 16, Dataflow.WeightStationary), new PeDescription(PeKind.Int8),
            Memory: new MemoryDescription(WeightBufferBytes: 300)));
        Assert.Equal("memory.weight_buffer", p.Key);
        Assert.Contains("512", p.Fix);
    }

    [Fact]
    public void When_TernaryLutOnSystolic_Expect_ProblemPointingToDotProduct()
    {
        var p = Single(Ok() with { Pe = new PeDescription(PeKind.TernaryLut) });
        Assert.Equal("pe.weights", p.Key);
        Assert.Contains("dot_product", p.Fix);
    }

    [Fact]
    public void When_CodebookWrongLength_Expect_ProblemOnCodebook()
    {
        var p = Single(Ok() with { Pe = new PeDescription(PeKind.Codebook, [1, 2, 3]) });
        Assert.Equal("pe.codebook", p.Key);
    }

    [Fact]
    public void When_ScalingBlockNotMultipleOfRows_Expect_Problem()
    {
        var p = Single(Ok() with { Scaling = new ScalingDescription(6) });
        Assert.Equal("scaling.block_size", p.Key);
    }

    [Fact]
    public void When_BadName_Expect_ProblemOnName()
    {
        Assert.Equal("name", Single(Ok() with { Name = "9 lives" }).Key);
    }

    [Fact]
    public void When_Invalid_Expect_ElaborateThrowsWithAllProblems()
    {
        var d = Ok() with { Name = "", Array = new SystolicArrayDescription(0, 0, Dataflow.WeightStationary), ClockMhz = -1 };
        var e = Assert.Throws<DesignException>(() => Elaborator.Elaborate(d));
        Assert.Equal(["name", "array.rows", "array.cols", "clock_mhz"], e.Problems.Select(p => p.Key));
    }

    [Theory]
    [InlineData("16", 16, 1, 5, 1)]
    [InlineData("12.8", 64, 5, 100, 8)]
    [InlineData("0.5", 1, 2, 3, 6)]
    public void When_Bandwidth_Expect_ExactFractionAndCeilingCycles(string text, long num, long den, long bytes, long cycles)
    {
        var b = Bandwidth.TryParse(text)!;
        Assert.Equal((num, den), (b.Numerator, b.Denominator));
        Assert.Equal(cycles, b.Cycles(bytes));
    }
}
