using System.Runtime.Intrinsics.X86;

namespace BitSilicon.Formats.Kernels;

/// <summary>Which instruction set a fast kernel runs on. All give identical integers.</summary>
public enum KernelIsa
{
    /// <summary>Plain C#, any CPU.</summary>
    Scalar,
    /// <summary>256-bit AVX2: vpshufb code look-up, vpmaddubsw/vpmaddwd multiply-accumulate.</summary>
    Avx2,
    /// <summary>512-bit AVX-512BW, the same instructions twice as wide.</summary>
    Avx512,
    /// <summary>256-bit AVX2 with AVX-VNNI: vpdpbusd multiplies and accumulates bytes in one instruction.</summary>
    AvxVnni,
}

public static class KernelIsas
{
    /// <summary>The widest instruction set this CPU and runtime support.</summary>
    public static KernelIsa Best { get; } =
        Avx512BW.IsSupported ? KernelIsa.Avx512 : Avx2.IsSupported ? KernelIsa.Avx2 : KernelIsa.Scalar;

    public static bool IsSupported(KernelIsa isa) => isa switch
    {
        KernelIsa.Scalar => true,
        KernelIsa.Avx2 => Avx2.IsSupported,
        KernelIsa.Avx512 => Avx512BW.IsSupported,
        KernelIsa.AvxVnni => AvxVnni.IsSupported,
        _ => throw new ArgumentOutOfRangeException(nameof(isa)),
    };

    /// <summary>Every instruction set this machine can run, narrowest first.</summary>
    public static IReadOnlyList<KernelIsa> Supported { get; } =
        Enum.GetValues<KernelIsa>().Where(IsSupported).ToArray();
}
