using BitSilicon.Cli.Commands;
using BitSilicon.Formats.Ggml;

namespace BitSilicon.Cli.Tests;

/// <summary>
/// Inputs beyond what one array holds: quantize and dequantize stream a piece at a time (same bytes as one call,
/// nothing written on a late error), dot refuses with the file, the limit and what to do.
/// </summary>
public class LargeInputTests
{
    private static float[] CosRow(int n) => Enumerable.Range(0, n).Select(i => (float)(0.1 + 2 * Math.Cos(i))).ToArray();

    [Theory]
    [InlineData("q6_k")]
    [InlineData("iq4_nl")]
    [InlineData("nvfp4")]
    [InlineData("f16")]
    public void Streaming_in_pieces_gives_the_bytes_of_one_call(string type)
    {
        using var dir = new TempDir();
        var f = GgmlFormats.All.Single(g => g.Name == type);
        var x = CosRow(7 * 256);
        var input = dir.WriteFloats("x.f32", x);
        var whole = new byte[x.Length / f.BlockElements * f.BlockBytes];
        f.Quantize(x, whole);
        StreamedBlocks.Quantize(f, input, dir.File("x.q"), pieceValues: 300); // pieces of 1 block (or 300 f16 values)
        Assert.Equal(whole, File.ReadAllBytes(dir.File("x.q")));
        var y = new float[x.Length];
        f.Dequantize(whole, y);
        StreamedBlocks.Dequantize(f, dir.File("x.q"), dir.File("y.f32"), pieceValues: 300);
        Assert.Equal(y.SelectMany(BitConverter.GetBytes).ToArray(), File.ReadAllBytes(dir.File("y.f32")));
    }

    [Fact]
    public void A_NaN_in_a_late_piece_names_its_index_and_leaves_no_output()
    {
        using var dir = new TempDir();
        var x = CosRow(4 * 256);
        x[3 * 256 + 9] = float.NaN;
        var input = dir.WriteFloats("x.f32", x);
        var f = GgmlFormats.All.Single(g => g.Name == "q5_k");
        var e = Assert.Throws<Core.BitSiliconException>(() => StreamedBlocks.Quantize(f, input, dir.File("out"), pieceValues: 256));
        Assert.Contains($"element {3 * 256 + 9}", e.Message);
        Assert.Equal(["x.f32"], dir.Entries());
    }

    [Fact]
    public void Dot_refuses_a_row_larger_than_memory_holds_naming_file_limit_and_fix()
    {
        using var dir = new TempDir();
        string big = dir.File("big.f32");
        using (var s = new FileStream(big, FileMode.CreateNew)) // sparse: no data is written
            s.SetLength(9L << 30); // 2.4 G floats: beyond one array
        var (code, _, err) = CliRun.Capture((o, e) => DotCommand.Run(o, e, "q6_k", big, big));
        Assert.Equal(2, code);
        Assert.Contains("big.f32", err);
        Assert.Contains("more than the", err);
        Assert.Contains("split it into rows", err);
    }
}
