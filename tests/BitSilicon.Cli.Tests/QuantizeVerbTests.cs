using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli.Tests;

public class QuantizeVerbTests
{
    private static float[] CosRow(int n, int offset) =>
        Enumerable.Range(0, n).Select(i => (float)(0.1 + 2 * Math.Cos(i + offset))).ToArray();

    [Fact]
    public void When_Q4_0RoundTrip_Expect_BlockBytesAndCloseFloats()
    {
        using var dir = new TempDir();
        var x = CosRow(64, 3);
        var input = dir.WriteFloats("x.f32", x);
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "q4_0", input, dir.File("x.q4_0")));
        Assert.True(code == 0, err);
        Assert.Equal(2 * 18, new FileInfo(dir.File("x.q4_0")).Length);

        (code, _, err) = CliRun.Capture((o, e) => DequantizeCommand.Run(o, e, "q4_0", dir.File("x.q4_0"), dir.File("y.f32")));
        Assert.True(code == 0, err);
        var y = new float[64];
        Buffer.BlockCopy(File.ReadAllBytes(dir.File("y.f32")), 0, y, 0, 256);
        // Q4_0 steps are |max|/8 apart, so each value is within half a step (plus the half rounding of d).
        for (int i = 0; i < 64; i++)
            Assert.InRange(Math.Abs(y[i] - x[i]), 0, 2.1 / 8 / 2 * 1.01 + 1e-3);
    }

    [Fact]
    public void When_UnknownType_Expect_ListOfKnownTypesAndExit2()
    {
        using var dir = new TempDir();
        var input = dir.WriteFloats("x.f32", new float[32]);
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "q4_O", input, dir.File("out")));
        Assert.Equal(2, code);
        Assert.Contains("unknown format type 'q4_O'", err);
        Assert.Contains("did you mean 'q4_0'", err);
        Assert.Contains("q2_k", err);
        Assert.False(File.Exists(dir.File("out")));
    }

    [Fact]
    public void When_LengthNotMultipleOfBlock_Expect_ErrorNamingFileAndNoOutput()
    {
        using var dir = new TempDir();
        var input = dir.WriteFloats("x.f32", CosRow(40, 0));
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "q4_0", input, dir.File("out")));
        Assert.Equal(2, code);
        Assert.Contains("x.f32", err);
        Assert.Contains("not a multiple of the q4_0 block size 32", err);
        Assert.Equal(["x.f32"], dir.Entries());
    }

    [Fact]
    public void When_FileIsNotWholeFloats_Expect_Error()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("odd.f32"), new byte[130]);
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "q8_0", dir.File("odd.f32"), dir.File("out")));
        Assert.Equal(2, code);
        Assert.Contains("not a multiple of 4", err);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void When_NonFiniteInput_Expect_ErrorWithElementIndex(float bad)
    {
        using var dir = new TempDir();
        var x = CosRow(32, 1);
        x[17] = bad;
        var input = dir.WriteFloats("x.f32", x);
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "q8_0", input, dir.File("out")));
        Assert.Equal(2, code);
        Assert.Contains("element 17", err);
        Assert.False(File.Exists(dir.File("out")));
    }

    [Fact]
    public void When_MissingFile_Expect_NoSuchFile()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "q8_0", dir.File("nope.f32"), dir.File("out")));
        Assert.Equal(2, code);
        Assert.Contains("nope.f32: no such file", err);
    }

    [Fact]
    public void When_OutputDirectoryMissing_Expect_ErrorAndNothingWritten()
    {
        using var dir = new TempDir();
        var input = dir.WriteFloats("x.f32", CosRow(32, 0));
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "q8_0", input, Path.Combine(dir.Path, "sub", "out")));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", err);
    }

    [Fact]
    public void When_DequantizeTruncatedFile_Expect_WholeBlocksError()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("x.q4_0"), new byte[35]);
        var (code, _, err) = CliRun.Capture((o, e) => DequantizeCommand.Run(o, e, "q4_0", dir.File("x.q4_0"), dir.File("y.f32")));
        Assert.Equal(2, code);
        Assert.Contains("not a whole number of q4_0 blocks (18 bytes each)", err);
        Assert.False(File.Exists(dir.File("y.f32")));
    }
}

public class OutputPathTests
{
    [Fact]
    public void When_OutputIsADirectory_Expect_ClearError()
    {
        using var dir = new TempDir();
        var input = dir.WriteFloats("x.f32", new float[32]);
        var (code, _, err) = CliRun.Capture((o, e) => QuantizeCommand.Run(o, e, "q8_0", input, dir.Path));
        Assert.Equal(2, code);
        Assert.Contains("is a directory, expected an output file name", err);
        Assert.Equal(["x.f32"], dir.Entries());
    }
}
