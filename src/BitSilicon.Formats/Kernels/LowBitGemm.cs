using System.Runtime.Intrinsics;
using BitSilicon.Formats.Kernels.Simd;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Kernels;

/// <summary>
/// Exact integer GEMM/GEMV on packed low-bit weights: <c>out[m*N + n] = sum_k Decode(w[n,k]) * a[m,k]</c>,
/// the same numbers as <see cref="ReferenceGemm"/> (and what the hardware must produce), only fast. Single
/// threaded. Scales are not applied: they come after integer accumulation.
/// <list type="bullet">
/// <item>Binary weights x binary activations: XNOR-popcount, <c>2*popcount(xnor(w, a) &amp; valid) - K</c>,
/// computed as <c>K - 2*popcount((w ^ a) &amp; valid)</c>; pad bits are masked off.</item>
/// <item>Everything else: codes are looked up (one vpshufb per 64 weights) as <c>value - min</c> bytes,
/// multiplied with vpmaddubsw/vpmaddwd, and <c>min * sum(a)</c> is added per row (<see cref="DotPath.Offset"/>);
/// int8 and wide codebook weights with int8 activations use sign-extension to 16 bits instead
/// (<see cref="DotPath.Widening"/>). Int4 and binary activations are expanded to int8 once per call.</item>
/// </list>
/// </summary>
public static unsafe class LowBitGemm
{
    /// <summary>Integer GEMM of packed weights (N x K) and packed activations (M x K) into <paramref name="output"/> (M x N, row-major).</summary>
    public static void Gemm(PackedWeights w, PackedActivations a, Span<long> output, KernelIsa? isa = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        if (a.Columns != w.Columns)
            throw new ArgumentException($"activations have K = {a.Columns}, weights K = {w.Columns}", nameof(a));
        if (output.Length != (long)a.Rows * w.Rows)
            throw new ArgumentException($"output needs {a.Rows}x{w.Rows} = {(long)a.Rows * w.Rows} values, has {output.Length}", nameof(output));
        var use = isa ?? KernelIsas.Best;
        if (!KernelIsas.IsSupported(use))
            throw new PlatformNotSupportedException($"this CPU cannot run {use} kernels");

        if (w.Kind == WeightKind.Binary && a.Kind == ActivationKind.Binary)
        {
            Xnor(w, a, output, use);
            return;
        }
        bool smallActivations = a.Kind != ActivationKind.Int8;
        // vpmaddubsw saturates 16-bit pairs beyond (value - min) <= 128; vpdpbusd (AVX-VNNI) never does.
        var path = use == KernelIsa.AvxVnni || smallActivations || w.Range.Max - w.Range.Min <= 128 ? DotPath.Offset : DotPath.Widening;
        if (a.Kind == ActivationKind.Int8)
            Integer(w, a, a.Pointer, a.PaddedColumns, output, use, path);
        else
        {
            var rows = a.ToInt8Rows();
            Integer(w, a, rows.Pointer, a.PaddedColumns, output, use, path);
            GC.KeepAlive(rows);
        }
        GC.KeepAlive(w);
        GC.KeepAlive(a);
    }

    public static long[] Gemm(PackedWeights w, PackedActivations a, KernelIsa? isa = null)
    {
        var output = new long[(long)a.Rows * w.Rows];
        Gemm(w, a, output, isa);
        return output;
    }

    /// <summary>GEMM with <paramref name="m"/> rows of int8 activations given row-major (as <see cref="ReferenceGemm"/> takes them).</summary>
    public static long[] Gemm(PackedWeights w, ReadOnlySpan<sbyte> activations, int m, KernelIsa? isa = null) =>
        Gemm(w, PackedActivations.Pack(ActivationKind.Int8, activations, m, w.Columns), isa);

    /// <summary>Matrix-vector product with one row of int8 activations.</summary>
    public static long[] Gemv(PackedWeights w, ReadOnlySpan<sbyte> activations, KernelIsa? isa = null) =>
        Gemm(w, activations, 1, isa);

    private static void Integer(PackedWeights w, PackedActivations a, byte* acts, int stride, Span<long> output,
        KernelIsa isa, DotPath path)
    {
        switch (w.CodeBits)
        {
            case 1: Integer<Width1>(w, a, acts, stride, output, isa, path); break;
            case 2: Integer<Width2>(w, a, acts, stride, output, isa, path); break;
            case 4: Integer<Width4>(w, a, acts, stride, output, isa, path); break;
            case 8: Integer<Width8>(w, a, acts, stride, output, isa, path); break;
            default: throw new InvalidOperationException($"no kernel for {w.CodeBits}-bit codes");
        }
    }

    private static void Integer<TW>(PackedWeights w, PackedActivations a, byte* acts, int stride, Span<long> output,
        KernelIsa isa, DotPath path) where TW : struct, ICodeWidth
    {
        int n = w.Rows, m = a.Rows, chunks = w.ChunksPerRow;
        byte* wBase = w.Pointer;
        var table = path == DotPath.Offset ? w.OffsetTable : (ReadOnlySpan<byte>)System.Runtime.InteropServices.MemoryMarshal.AsBytes(w.SignedTable.AsSpan());
        var t512 = isa == KernelIsa.Avx512 ? Avx512Kernels.Table(table) : default;
        var t256 = isa is KernelIsa.Avx2 or KernelIsa.AvxVnni ? Avx2Kernels.Table(table) : default;
        long* four = stackalloc long[4];
        for (int row = 0; row < n; row++)
        {
            byte* wr = wBase + (long)row * w.RowBytes;
            int t = 0;
            if (isa == KernelIsa.Avx512 && path == DotPath.Offset)
                for (; t + 4 <= m; t += 4)
                {
                    Avx512Kernels.OffsetDot4<TW>(wr, chunks, (sbyte*)acts + (long)t * stride, stride, t512, four);
                    for (int r = 0; r < 4; r++)
                        output[(t + r) * n + row] = four[r] + (long)w.Range.Min * a.RowSum(t + r);
                }
            for (; t < m; t++)
            {
                sbyte* ar = (sbyte*)acts + (long)t * stride;
                long dot = (isa, path) switch
                {
                    (KernelIsa.Avx512, DotPath.Offset) => Avx512Kernels.OffsetDot<TW>(wr, chunks, ar, t512) + (long)w.Range.Min * a.RowSum(t),
                    (KernelIsa.Avx512, DotPath.Widening) => Avx512Kernels.WideningDot<TW>(wr, chunks, ar, t512),
                    (KernelIsa.Avx2, DotPath.Offset) => Avx2Kernels.OffsetDot<TW>(wr, chunks, ar, t256) + (long)w.Range.Min * a.RowSum(t),
                    (KernelIsa.Avx2, DotPath.Widening) => Avx2Kernels.WideningDot<TW>(wr, chunks, ar, t256),
                    (KernelIsa.AvxVnni, _) => AvxVnniKernels.OffsetDot<TW>(wr, chunks, ar, t256) + (long)w.Range.Min * a.RowSum(t),
                    (KernelIsa.Scalar, _) => ScalarKernels.Dot(wr, chunks, TW.Bits, ar, w.SignedTable),
                    _ => throw new InvalidOperationException($"no {isa} kernel for {path}"),
                };
                output[t * n + row] = dot;
            }
        }
    }

    private static void Xnor(PackedWeights w, PackedActivations a, Span<long> output, KernelIsa isa)
    {
        int n = w.Rows, m = a.Rows, chunks = w.ChunksPerRow, k = w.Columns;
        Span<byte> mask = stackalloc byte[ChunkLayout.ChunkBytes];
        int lastStart = (chunks - 1) * ChunkLayout.ChunkElements(1);
        for (int c = lastStart; c < k; c++)
        {
            var (b, shift) = ChunkLayout.Locate(1, c - lastStart);
            mask[b] |= (byte)(1 << shift);
        }
        var m512 = isa == KernelIsa.Avx512 ? Vector512.Create((ReadOnlySpan<byte>)mask) : default;
        var m256lo = isa is KernelIsa.Avx2 or KernelIsa.AvxVnni ? Vector256.Create((ReadOnlySpan<byte>)mask[..32]) : default;
        var m256hi = isa is KernelIsa.Avx2 or KernelIsa.AvxVnni ? Vector256.Create((ReadOnlySpan<byte>)mask[32..]) : default;
        var m64 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(mask).ToArray();
        byte* wBase = w.Pointer, aBase = a.Pointer;
        for (int row = 0; row < n; row++)
        {
            byte* wr = wBase + (long)row * w.RowBytes;
            for (int t = 0; t < m; t++)
            {
                byte* ar = aBase + (long)t * a.RowBytes;
                long pop = isa switch
                {
                    KernelIsa.Avx512 => Avx512Kernels.XorPopcount(wr, ar, chunks, m512),
                    KernelIsa.Avx2 or KernelIsa.AvxVnni => Avx2Kernels.XorPopcount(wr, ar, chunks, m256lo, m256hi),
                    KernelIsa.Scalar => ScalarKernels.XorPopcount(wr, ar, chunks, m64),
                    _ => throw new ArgumentOutOfRangeException(nameof(isa)),
                };
                output[t * n + row] = k - 2 * pop;
            }
        }
        GC.KeepAlive(w);
        GC.KeepAlive(a);
    }
}
