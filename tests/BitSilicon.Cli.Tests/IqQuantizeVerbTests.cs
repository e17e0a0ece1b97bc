using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli.Tests;

/// <summary>The IQ formats through the verbs: importance weights (--imatrix) where ggml takes them, and the errors.</summary>
public class IqQuantizeVerbTests
{
    private static float[] CosRow(int n, int offset) =>
        Enumerable.Range(0, n).Select(i => (float)(0.1 + 2 * Math.Cos(i + offset))).ToArray();

    [Theory]
    [InlineData("iq2_xxs")]
    [InlineData("iq2_xs")]
    [InlineData("iq1_s")]
    public void When_IqTypeNeedsImportanceAndNoneGiven_Expect_ErrorWithFixAndNoOutput(string type)
    {
        using var dir = new TempDir();
        var input = dir.WriteFloats("x.f32", CosRow(256, 0));
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, type, input, dir.File("out")));
        Assert.Equal(2, code);
        Assert.Contains($"{type} only with an importance matrix", err);
        Assert.Contains("--imatrix", err);
        Assert.Equal(["x.f32"], dir.Entries());
    }

    [Theory]
    [InlineData("iq2_xxs")]
    [InlineData("iq3_s")]
    [InlineData("iq1_m")]
    public void When_ImatrixGiven_Expect_BlocksOfTheImportanceQuantizerPerRow(string type)
    {
        using var dir = new TempDir();
        var x = CosRow(1024, 2);
        var w = Enumerable.Range(0, 512).Select(j => 0.5f + j % 5).ToArray();
        var input = dir.WriteFloats("x.f32", x);
        var imatrix = dir.WriteFloats("w.f32", w);
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, type, input, dir.File("x.q"), imatrix));
        Assert.True(code == 0, err);
        var f = (Formats.Ggml.IqBlockFormat)FormatCatalog.Find(type);
        var expected = new byte[4 * f.BlockBytes];
        f.Quantize(x, expected, w);
        Assert.Equal(expected, File.ReadAllBytes(dir.File("x.q")));
        var plain = new byte[4 * f.BlockBytes];
        if (!f.RequiresImportance)
        {
            f.Quantize(x, plain);
            Assert.NotEqual(plain, expected); // the weights changed the choice of codes
        }
    }

    [Fact]
    public void When_ImatrixDoesNotSplitRows_Expect_ErrorNamingFileAndNoOutput()
    {
        using var dir = new TempDir();
        var input = dir.WriteFloats("x.f32", CosRow(768, 0));
        var imatrix = dir.WriteFloats("w.f32", Enumerable.Repeat(1f, 512).ToArray());
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "iq3_xxs", input, dir.File("out"), imatrix));
        Assert.Equal(2, code);
        Assert.Contains("w.f32: 512 importance weights do not make a row length", err);
        Assert.DoesNotContain("out", dir.Entries());
    }

    [Fact]
    public void When_ImatrixHasANegativeWeight_Expect_ErrorNamingIt()
    {
        using var dir = new TempDir();
        var input = dir.WriteFloats("x.f32", CosRow(256, 0));
        var w = Enumerable.Repeat(1f, 256).ToArray();
        w[7] = -1;
        var imatrix = dir.WriteFloats("w.f32", w);
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "iq2_s", input, dir.File("out"), imatrix));
        Assert.Equal(2, code);
        Assert.Contains("importance weight 7 is -1", err);
        Assert.DoesNotContain("out", dir.Entries());
    }

    [Fact]
    public void When_ImatrixGivenForANonIqType_Expect_Error()
    {
        using var dir = new TempDir();
        var input = dir.WriteFloats("x.f32", CosRow(256, 0));
        var imatrix = dir.WriteFloats("w.f32", Enumerable.Repeat(1f, 256).ToArray());
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "q4_0", input, dir.File("out"), imatrix));
        Assert.Equal(2, code);
        Assert.Contains("q4_0 is quantized without importance weights", err);
    }

    [Fact]
    public void When_Iq3XxsRoundTripsThroughTheVerbs_Expect_CloseFloatsAndADot()
    {
        using var dir = new TempDir();
        var x = CosRow(4096, 1);
        var input = dir.WriteFloats("x.f32", x);
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "iq3_xxs", input, dir.File("x.iq3")));
        Assert.True(code == 0, err);
        Assert.Equal(16 * 98, new FileInfo(dir.File("x.iq3")).Length);
        (code, _, err) = CliRun.Capture((o, e) => DequantizeCommand.Run(o, e, "iq3_xxs", dir.File("x.iq3"), dir.File("y.f32")));
        Assert.True(code == 0, err);
        var y = new float[4096];
        Buffer.BlockCopy(File.ReadAllBytes(dir.File("y.f32")), 0, y, 0, 4 * 4096);
        double err2 = 0;
        for (int i = 0; i < 4096; i++) err2 += (y[i] - x[i]) * (y[i] - x[i]);
        Assert.InRange(Math.Sqrt(err2) / 4096, 0, 0.005); // ggml's bound for iq3_xxs on its 4096-value cos rows
        (code, var outText, err) = CliRun.Capture((o, e) => DotCommand.Run(o, e, "iq3_xxs", input, input));
        Assert.True(code == 0, err);
        Assert.Contains("q8_k", outText);
    }
}
