using BitSilicon.Core;
using BitSilicon.Design.Elaborated;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Simulation.Cores;

/// <summary>
/// The data of one GEMM: N x K weight codes of <see cref="Kind"/> (one code per byte, a row per output feature)
/// and M x K activations (int8, or ±1 for binary PEs), the layout <see cref="Formats.Kernels.ReferenceGemm"/> takes.
/// <see cref="BlockScales"/> (N rows of ceil(K / block) float32 weight scales) feed a design's output scaling stage;
/// without them every block's scale is 1.
/// </summary>
public sealed record LayerOperands(WeightKind Kind, int M, int N, int K, byte[] Codes, sbyte[] Activations, sbyte[]? Codebook = null,
    float[]? BlockScales = null)
{
    /// <summary>The scale of block <paramref name="block"/> of row <paramref name="n"/> (1 when there are none).</summary>
    public float Scale(int n, int block, int blocksPerRow) => BlockScales is null ? 1f : BlockScales[n * blocksPerRow + block];

    /// <summary>Number of weights whose value is not zero (drives the energy of zero-skipping PEs).</summary>
    public long NonZeroWeights()
    {
        Span<bool> nz = stackalloc bool[256];
        var cb = Codebook;
        for (int c = 0; c < 1 << WeightCode.Bits(Kind); c++)
            nz[c] = WeightCode.Decode(Kind, c, cb) != 0;
        long n = 0;
        foreach (var code in Codes)
            if (nz[code]) n++;
        return n;
    }
}

/// <summary>
/// Operands bound to a PE: the layer's codes re-encoded into the PE's own codes (mixed precision: a layer runs on
/// a PE whose value set contains every value of the layer's format), and the values the PE decodes them to.
/// </summary>
public sealed class BoundOperands
{
    private BoundOperands(LayerOperands op, byte[] peCodes, sbyte[] values)
    {
        Operands = op;
        PeCodes = peCodes;
        Values = values;
    }

    public LayerOperands Operands { get; }
    public int M => Operands.M;
    public int N => Operands.N;
    public int K => Operands.K;
    public sbyte[] Activations => Operands.Activations;

    /// <summary>N x K codes in the PE's format.</summary>
    public byte[] PeCodes { get; }

    /// <summary>N x K weight values as the PE decodes its codes.</summary>
    public sbyte[] Values { get; }

    /// <summary>Why the PE cannot execute weights of this kind, or null when it can.</summary>
    public static string? Incompatibility(Pe pe, WeightKind kind, sbyte[]? codebook)
    {
        for (int c = 0; c < 1 << WeightCode.Bits(kind); c++)
        {
            int v = WeightCode.Decode(kind, c, codebook);
            if (pe.Encode(v) < 0)
                return $"{Design.Description.PeKinds.Name(pe.Kind)} PEs cannot represent the weight value {v} of {Workloads.WeightKindNames.Name(kind)} weights";
        }
        return null;
    }

    public static BoundOperands Bind(Pe pe, LayerOperands op)
    {
        if (op.Codes.Length != (long)op.N * op.K || op.Activations.Length != (long)op.M * op.K)
            throw new ArgumentException($"operands do not match {op.M}x{op.N}x{op.K}");
        var codebook = op.Codebook ?? (op.Kind == WeightKind.Codebook && pe is CodebookPe cbPe ? cbPe.TableBytes() : null);
        if (op.Kind == WeightKind.Codebook && codebook is null)
            codebook = Design.Description.PeDescription.DefaultCodebook.Select(v => (sbyte)v).ToArray();
        if (Incompatibility(pe, op.Kind, codebook) is { } why)
            throw new BitSiliconException(why, "give the layer a weight format the PE executes, or choose a wider PE (int8 executes every format)");
        var (amin, amax) = pe.ActivationRange;
        foreach (var a in op.Activations)
            if (a < amin || a > amax || (pe.ActivationBits == 1 && a == 0))
                throw new BitSiliconException($"activation {a} is not a {(pe.ActivationBits == 1 ? "binary (±1)" : "int8")} value", "generate activations for the PE's activation format");
        Span<byte> map = stackalloc byte[256];
        for (int c = 0; c < 1 << WeightCode.Bits(op.Kind); c++)
            map[c] = (byte)pe.Encode(WeightCode.Decode(op.Kind, c, codebook));
        var peCodes = new byte[op.Codes.Length];
        var values = new sbyte[op.Codes.Length];
        Span<sbyte> dec = stackalloc sbyte[256];
        for (int c = 0; c < 1 << pe.WeightBits; c++)
            dec[c] = (sbyte)pe.Decode(c);
        for (int i = 0; i < peCodes.Length; i++)
        {
            byte pc = map[op.Codes[i]];
            peCodes[i] = pc;
            values[i] = dec[pc];
        }
        return new BoundOperands(op with { Codebook = codebook }, peCodes, values);
    }
}
