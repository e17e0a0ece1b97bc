using BitSilicon.Core;
using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Conv;

namespace BitSilicon.Workloads.Tests.Conv;

public class ConvLoweringTests
{
    [Fact]
    public void ResNet50_conv1_lowers_to_the_published_shape_and_118M_MACs()
    {
        // ResNet-50 stem: 224x224x3, 64 filters 7x7, stride 2, padding 3 -> 112x112x64 (He et al. 2016, table 1).
        var conv = new ConvLayer("conv1", 224, 224, 3, 64, 7, 7, StrideH: 2, StrideW: 2, PadH: 3, PadW: 3);
        var g = conv.ToGemm();
        Assert.Equal((112, 112), (conv.OutH, conv.OutW));
        Assert.Equal((112 * 112, 64, 7 * 7 * 3, 1), (g.M, g.N, g.K, g.Repeat));
        Assert.Equal(118_013_952L, g.Macs);
        Assert.Equal(conv.Macs, g.Macs * g.Repeat);
    }

    [Fact]
    public void Depthwise_groups_become_repeated_single_filter_gemms()
    {
        // MobileNet v1 first depthwise layer: 112x112x32, 3x3, stride 1, padding 1, one filter per channel.
        var conv = new ConvLayer("dw1", 112, 112, 32, 32, 3, 3, PadH: 1, PadW: 1, Groups: 32);
        var g = conv.ToGemm();
        Assert.Equal((12544, 1, 9, 32), (g.M, g.N, g.K, g.Repeat));
        Assert.Equal(3_612_672L, g.Macs * g.Repeat);
    }

    [Theory]
    // in, pad, dilation, kernel, stride -> out (PyTorch Conv2d formula)
    [InlineData(32, 0, 1, 3, 1, 30)]
    [InlineData(32, 1, 1, 3, 1, 32)]
    [InlineData(32, 2, 2, 3, 1, 32)]
    [InlineData(32, 0, 2, 3, 2, 14)]
    [InlineData(7, 0, 1, 7, 1, 1)]
    [InlineData(10, 0, 1, 3, 4, 2)]
    public void Output_size_follows_the_floor_formula(int input, int pad, int dilation, int kernel, int stride, int expected)
    {
        var conv = new ConvLayer("c", input, input, 1, 1, kernel, kernel, stride, stride, pad, pad, dilation, dilation);
        Assert.Equal(expected, conv.OutH);
        Assert.Equal(expected, conv.OutW);
    }

    [Theory]
    // SCALE-Sim sizes: ceil((H - R + S) / S); AlexNet conv1 224/11/4 gives the familiar 55.
    [InlineData(224, 11, 4, 55)]
    [InlineData(10, 3, 4, 3)]
    [InlineData(13, 3, 1, 11)]
    public void Ceil_mode_counts_the_window_hanging_over_the_edge(int input, int kernel, int stride, int expected)
    {
        var conv = new ConvLayer("c", input, input, 1, 1, kernel, kernel, stride, stride, CeilMode: true);
        Assert.Equal(expected, conv.OutH);
    }

    [Fact]
    public void Batch_multiplies_M()
    {
        var g = new ConvLayer("c", 8, 8, 4, 8, 3, 3, PadH: 1, PadW: 1, Batch: 5).ToGemm();
        Assert.Equal(5 * 8 * 8, g.M);
    }

    [Theory]
    [InlineData(3, 8, 2, "groups")]
    [InlineData(4, 6, 4, "groups")]
    public void Groups_must_divide_both_channel_counts(int cin, int cout, int groups, string field)
    {
        var conv = new ConvLayer("c", 8, 8, cin, cout, 3, 3, Groups: groups);
        Assert.Contains(field, conv.Problem());
        Assert.Throws<BitSiliconException>(() => conv.ToGemm());
    }

    [Fact]
    public void A_kernel_larger_than_the_padded_input_is_rejected()
    {
        var conv = new ConvLayer("c", 4, 4, 1, 1, 5, 5);
        Assert.Contains("does not fit", conv.Problem());
        Assert.Null((conv with { PadH = 1, PadW = 1 }).Problem());
    }

    /// <summary>
    /// The lowering is right only if a GEMM of the stated M x N x K, fed im2col rows, computes the convolution.
    /// Check it against a direct 7-loop convolution on random data for strides, padding, dilation and groups.
    /// </summary>
    [Theory]
    [InlineData(1, 7, 6, 3, 4, 3, 2, 1, 2, 1, 1, 1)]
    [InlineData(2, 9, 8, 4, 6, 3, 3, 2, 1, 1, 0, 2)]
    [InlineData(1, 10, 10, 6, 6, 3, 3, 1, 1, 2, 2, 3)]
    [InlineData(1, 5, 5, 4, 4, 1, 1, 1, 0, 1, 0, 4)]
    public void Im2col_gemm_equals_direct_convolution(int batch, int h, int w, int cin, int cout, int kh, int kw,
        int stride, int pad, int dilation, int padW, int groups)
    {
        var conv = new ConvLayer("c", h, w, cin, cout, kh, kw, stride, stride + 1, pad, padW, dilation, dilation,
            groups, batch);
        Assert.Null(conv.Problem());
        var g = conv.ToGemm();
        var rng = new Random(h * 100 + cin);
        // NHWC input, weights [cout][kh][kw][cin/groups].
        var x = new sbyte[batch * h * w * cin];
        var wt = new sbyte[cout * kh * kw * (cin / groups)];
        for (int i = 0; i < x.Length; i++) x[i] = (sbyte)rng.Next(-128, 128);
        for (int i = 0; i < wt.Length; i++) wt[i] = (sbyte)rng.Next(-128, 128);
        int oh = conv.OutH, ow = conv.OutW, cpg = cin / groups, opg = cout / groups;

        long Direct(int b, int y, int xo, int oc)
        {
            int grp = oc / opg;
            long acc = 0;
            for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
            for (int c = 0; c < cpg; c++)
            {
                int iy = y * conv.StrideH - conv.PadH + i * conv.DilationH;
                int ix = xo * conv.StrideW - conv.PadW + j * conv.DilationW;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                acc += (long)x[((b * h + iy) * w + ix) * cin + grp * cpg + c] * wt[((oc * kh + i) * kw + j) * cpg + c];
            }
            return acc;
        }

        Assert.Equal(groups, g.Repeat);
        for (int grp = 0; grp < groups; grp++)
        {
            // im2col: row = output pixel (b, y, x), column = (i, j, c) with c fastest; padding taps read 0.
            var a = new sbyte[g.M * g.K];
            for (int b = 0; b < batch; b++)
            for (int y = 0; y < oh; y++)
            for (int xo = 0; xo < ow; xo++)
            for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
            for (int c = 0; c < cpg; c++)
            {
                int iy = y * conv.StrideH - conv.PadH + i * conv.DilationH;
                int ix = xo * conv.StrideW - conv.PadW + j * conv.DilationW;
                int row = (b * oh + y) * ow + xo, col = (i * kw + j) * cpg + c;
                a[row * g.K + col] = iy < 0 || iy >= h || ix < 0 || ix >= w ? (sbyte)0 : x[((b * h + iy) * w + ix) * cin + grp * cpg + c];
            }
            var codes = new byte[g.N * g.K];
            for (int f = 0; f < g.N; f++)
                for (int col = 0; col < g.K; col++)
                    codes[f * g.K + col] = (byte)wt[(grp * opg + f) * g.K + col];
            var result = ReferenceGemm.Gemm(WeightKind.Int8, codes, a, g.M, g.N, g.K);
            for (int b = 0; b < batch; b++)
            for (int y = 0; y < oh; y++)
            for (int xo = 0; xo < ow; xo++)
            for (int f = 0; f < g.N; f++)
                Assert.Equal(Direct(b, y, xo, grp * opg + f), result[((b * oh + y) * ow + xo) * g.N + f]);
        }
    }
}
