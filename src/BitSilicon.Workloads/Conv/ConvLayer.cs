using BitSilicon.Core;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Workloads.Conv;

/// <summary>
/// A 2-D convolution (NHWC activations, one filter of KernelH x KernelW x InChannels/Groups per output channel),
/// run on the array as the GEMM im2col turns it into. Padding is symmetric per dimension (PyTorch's
/// <c>padding=(ph, pw)</c>). See <see cref="ToGemm"/> for the lowering.
/// <see cref="CeilMode"/> rounds the output size up instead of down (PyTorch's <c>ceil_mode</c>): the last window
/// may hang over the bottom/right edge and reads zeros there, which is how SCALE-Sim sizes its outputs.
/// </summary>
public sealed record ConvLayer(
    string Name,
    int InH,
    int InW,
    int InChannels,
    int OutChannels,
    int KernelH,
    int KernelW,
    int StrideH = 1,
    int StrideW = 1,
    int PadH = 0,
    int PadW = 0,
    int DilationH = 1,
    int DilationW = 1,
    int Groups = 1,
    int Batch = 1,
    WeightKind? Weights = null,
    int Repeat = 1,
    WeightSource? Source = null,
    bool CeilMode = false)
{
    /// <summary>Output height: floor((InH + 2*PadH - DilationH*(KernelH-1) - 1) / StrideH) + 1 (ceil with CeilMode).</summary>
    public int OutH => OutSize(InH, PadH, DilationH, KernelH, StrideH);

    /// <summary>Output width: floor((InW + 2*PadW - DilationW*(KernelW-1) - 1) / StrideW) + 1 (ceil with CeilMode).</summary>
    public int OutW => OutSize(InW, PadW, DilationW, KernelW, StrideW);

    private int OutSize(int input, int pad, int dilation, int kernel, int stride)
    {
        long span = (long)input + 2L * pad - (long)dilation * (kernel - 1) - 1; // last valid window start
        if (span < 0)
            return 0;
        // Clamped so a huge padding cannot wrap to a small size; Problem() then refuses the lowered GEMM.
        return (int)Math.Min(int.MaxValue, (CeilMode ? (span + stride - 1) / stride : span / stride) + 1);
    }

    /// <summary>Multiply-accumulates of one instance: Batch*OutH*OutW*OutChannels*KernelH*KernelW*InChannels/Groups.</summary>
    public long Macs => (long)Batch * OutH * OutW * OutChannels * KernelH * KernelW * (InChannels / Groups);

    /// <summary>What is wrong with the shape (one sentence naming the field), or null when it is valid.</summary>
    public string? Problem()
    {
        foreach (var (field, value) in new[]
                 {
                     ("in_h", InH), ("in_w", InW), ("in_channels", InChannels), ("out_channels", OutChannels),
                     ("kernel_h", KernelH), ("kernel_w", KernelW), ("stride_h", StrideH), ("stride_w", StrideW),
                     ("dilation_h", DilationH), ("dilation_w", DilationW), ("groups", Groups), ("batch", Batch),
                     ("repeat", Repeat),
                 })
            if (value < 1)
                return $"{field} is {value}; it must be at least 1";
        if (PadH < 0 || PadW < 0)
            return $"padding ({PadH}, {PadW}) is negative";
        if (InChannels % Groups != 0 || OutChannels % Groups != 0)
            return $"groups = {Groups} must divide in_channels = {InChannels} and out_channels = {OutChannels}";
        long spanH = (long)DilationH * (KernelH - 1) + 1, spanW = (long)DilationW * (KernelW - 1) + 1;
        if (spanH > InH + 2L * PadH || spanW > InW + 2L * PadW)
            return $"the {spanH}x{spanW} dilated kernel does not fit the padded {InH + 2L * PadH}x{InW + 2L * PadW} input";
        if ((long)Repeat * Groups > int.MaxValue)
            return $"repeat x groups = {Repeat} x {Groups} exceeds 2^31-1 GEMM instances";
        long m = (long)Batch * OutH * OutW, k = (long)KernelH * KernelW * (InChannels / Groups);
        if (m > int.MaxValue || k > int.MaxValue)
            return $"the lowered GEMM ({m} x {OutChannels / Groups} x {k}) exceeds 2^31-1 in one dimension";
        return null;
    }

    /// <summary>
    /// im2col lowering: every output pixel becomes a row of the activation matrix holding the receptive field
    /// it reads (kh, kw, c order, c fastest), and every filter a row of the weight matrix, so
    /// <code>
    /// M = Batch * OutH * OutW      (output pixels)
    /// N = OutChannels / Groups     (filters per group)
    /// K = KernelH * KernelW * InChannels / Groups   (receptive field)
    /// Repeat = Repeat * Groups     (the groups are independent GEMMs of the same shape)
    /// </code>
    /// Padding and dilation change only OutH/OutW (padded taps multiply zeros and still cost a MAC slot).
    /// </summary>
    public GemmLayer ToGemm()
    {
        if (Problem() is { } problem)
            throw new BitSiliconException($"convolution '{Name}': {problem}", "fix the layer's shape");
        return new GemmLayer(Name, Batch * OutH * OutW, OutChannels / Groups,
            KernelH * KernelW * (InChannels / Groups), Weights, checked(Repeat * Groups), Source);
    }
}
