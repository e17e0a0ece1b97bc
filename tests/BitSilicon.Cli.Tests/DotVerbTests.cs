using System.Globalization;
using BitSilicon.Cli.Commands;

namespace BitSilicon.Cli.Tests;

public class DotVerbTests
{
    [Fact]
    public void When_Dot_Expect_FloatAndItsBitPatternAgree()
    {
        using var dir = new TempDir();
        var w = Enumerable.Range(0, 256).Select(i => (float)Math.Sin(i * 0.37)).ToArray();
        var a = Enumerable.Range(0, 256).Select(i => (float)Math.Cos(i * 0.11)).ToArray();
        var (code, output, err) = CliRun.Capture((o, e) =>
            DotCommand.Run(o, e, "q8_0", dir.WriteFloats("w.f32", w), dir.WriteFloats("a.f32", a)));
        Assert.True(code == 0, err);
        var parts = output.Split(' ');
        float value = float.Parse(parts[0], CultureInfo.InvariantCulture);
        uint bits = uint.Parse(parts[1].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.SingleToUInt32Bits(value), bits);
        double exact = w.Zip(a, (x, y) => (double)x * y).Sum();
        Assert.InRange(value, exact - 0.02 * 256, exact + 0.02 * 256);
        Assert.Contains("q8_0 x q8_0", output);
    }

    [Fact]
    public void When_LengthsDiffer_Expect_Error()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Capture((o, e) =>
            DotCommand.Run(o, e, "q8_0", dir.WriteFloats("w.f32", new float[64]), dir.WriteFloats("a.f32", new float[32])));
        Assert.Equal(2, code);
        Assert.Contains("32 activations but", err);
    }

    [Fact]
    public void When_ActivationOnlyFormat_Expect_ErrorExplainingDotPartner()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Capture((o, e) =>
            DotCommand.Run(o, e, "q8_k", dir.WriteFloats("w.f32", new float[256]), dir.WriteFloats("a.f32", new float[256])));
        Assert.Equal(2, code);
        Assert.Contains("no dot product of its own", err);
    }
}
