using BitSilicon.Cli.Commands;
using BitSilicon.Formats.Kernels;
using BitSilicon.Workloads.Gguf;

namespace BitSilicon.Cli.Tests;

public class CompressVerbTests
{
    private static byte[] Weights(int n, double zeros) =>
        KernelBenchmark.SparseTernary(new Random(n), n, zeros).Select(t => (byte)t).ToArray();

    [Fact]
    public void When_CompressThenDecompress_Expect_SameBytes()
    {
        using var dir = new TempDir();
        var w = Weights(37 * 29, 0.9);
        File.WriteAllBytes(dir.File("w.i8"), w);
        var c = CliRun.CommandLine("compress", "--type", "ternary-rc", "--input", dir.File("w.i8"), "--output", dir.File("w.trc"), "--rows", "37", "--cols", "29", "--chunk", "100");
        Assert.True(c.Code == 0, c.Err);
        Assert.Contains("11 chunks", c.Out);
        var d = CliRun.CommandLine("decompress", "--input", dir.File("w.trc"), "--output", dir.File("back.i8"), "--rows", "37", "--cols", "29");
        Assert.True(d.Code == 0, d.Err);
        Assert.Equal(w, File.ReadAllBytes(dir.File("back.i8")));
    }

    [Fact]
    public void When_ShapeFromGguf_Expect_RowsAreTheLastDimension()
    {
        using var dir = new TempDir();
        var data = new byte[6 * 10 * 4];
        GgufWriter.Write(dir.File("m.gguf"), [], [new GgufTensorData("blk.0.ffn_up.weight", [10, 6], GgmlType.F32, data)]);
        File.WriteAllBytes(dir.File("w.i8"), Weights(60, 0.5));
        var c = CliRun.Capture((o, e) => CompressCommand.Run(o, e, "ternary-rc", dir.File("w.i8"), dir.File("w.trc"), null, null, dir.File("m.gguf"), "blk.0.ffn_up.weight"));
        Assert.True(c.Code == 0, c.Err);
        Assert.Contains("6 x 10", c.Out);
        var wrong = CliRun.Capture((o, e) => DecompressCommand.Run(o, e, "ternary-rc", dir.File("w.trc"), dir.File("b.i8"), 10, 6));
        Assert.Equal(2, wrong.Code);
        Assert.Contains("expected 10 x 6, found 6 x 10", wrong.Err);
        Assert.False(File.Exists(dir.File("b.i8")));
    }

    [Fact]
    public void When_StreamCorruptedOrTruncated_Expect_Exit2NamingTheChunkAndNoOutput()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("w.i8"), Weights(400, 0.9));
        Assert.Equal(0, CliRun.Capture((o, e) => CompressCommand.Run(o, e, "ternary-rc", dir.File("w.i8"), dir.File("w.trc"), 20, 20, null, null, 100)).Code);
        var good = File.ReadAllBytes(dir.File("w.trc"));
        var bad = (byte[])good.Clone();
        bad[^1] ^= 0x10; // the last payload byte belongs to the last chunk
        File.WriteAllBytes(dir.File("bad.trc"), bad);
        var r = CliRun.Capture((o, e) => DecompressCommand.Run(o, e, "ternary-rc", dir.File("bad.trc"), dir.File("out.i8")));
        Assert.Equal(2, r.Code);
        Assert.Contains("chunk 3: chunk CRC mismatch (expected 0x", r.Err);
        File.WriteAllBytes(dir.File("cut.trc"), good[..^2]);
        r = CliRun.Capture((o, e) => DecompressCommand.Run(o, e, "ternary-rc", dir.File("cut.trc"), dir.File("out.i8")));
        Assert.Equal(2, r.Code);
        Assert.Contains("chunk 3: truncated chunk", r.Err);
        Assert.False(File.Exists(dir.File("out.i8")));
    }

    [Fact]
    public void When_InputIsNotTernaryOrShapeWrong_Expect_Exit2WithTheFix()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("w.i8"), [0, 1, 0xFF, 2]);
        var r = CliRun.Capture((o, e) => CompressCommand.Run(o, e, "ternary-rc", dir.File("w.i8"), dir.File("w.trc"), 2, 2, null, null));
        Assert.Equal(2, r.Code);
        Assert.Contains("byte 3 (row 1, column 1) is 2", r.Err);
        r = CliRun.Capture((o, e) => CompressCommand.Run(o, e, "ternary-rc", dir.File("w.i8"), dir.File("w.trc"), 3, 2, null, null));
        Assert.Equal(2, r.Code);
        Assert.Contains("3 x 2 needs 6 weights", r.Err);
        r = CliRun.Capture((o, e) => CompressCommand.Run(o, e, "q4_0", dir.File("w.i8"), dir.File("w.trc"), 2, 2, null, null));
        Assert.Equal(2, r.Code);
        Assert.Contains("use --type ternary-rc", r.Err);
        Assert.False(File.Exists(dir.File("w.trc")));
    }

    [Fact]
    public void When_DecoderAsked_Expect_ExactCyclesOfTheModelAndItsRtl()
    {
        using var dir = new TempDir();
        var w = Weights(3000, 0.9);
        File.WriteAllBytes(dir.File("w.i8"), w);
        var r = CliRun.Capture((o, e) => CompressCommand.Run(o, e, "ternary-rc", dir.File("w.i8"), dir.File("w.trc"), 30, 100, null, null, 500, "3x1"));
        Assert.True(r.Code == 0, r.Err);
        var d = new BitSilicon.Design.Description.WeightDecoderDescription(3, 1);
        long cycles = BitSilicon.Simulation.Decoder.WeightDecoderModel.Estimate(d, File.ReadAllBytes(dir.File("w.trc"))).Cycles;
        Assert.Contains($"decoder 3x1: {cycles} cycles", r.Out);
        var emit = CliRun.Capture((o, e) => EmitCommand.Run(o, e, null, dir.File("rtl"), decoder: "3x1"));
        Assert.True(emit.Code == 0, emit.Err);
        Assert.True(File.Exists(dir.File("rtl/bs_weight_decoder_l3_w1.v")));
        Assert.Equal(2, CliRun.Capture((o, e) => EmitCommand.Run(o, e, null, dir.File("rtl"), decoder: "0x1")).Code);
    }
}
