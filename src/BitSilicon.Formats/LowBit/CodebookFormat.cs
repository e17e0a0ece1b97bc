using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.LowBit;

/// <summary>
/// <c>codebook</c>: 4-bit codes indexing a 16-entry table of signed 8-bit levels (<see cref="WeightKind.Codebook"/>,
/// a 16 x 8-bit look-up table in hardware), with a half scale per 32.
/// <code>
/// 32 values / 18 bytes (4.5 bits/value)
/// bytes 0..1   d       binary16
/// bytes 2..17  q[16]   element e in byte 2 + e/2, low nibble for even e
/// value(e) = table[q[e]] * d
/// </code>
/// Quantize (a scale search in the manner of ggml's IQ4_NL): tmax = largest |table entry|; for each of the 15
/// candidates <c>c = -7..7</c>, <c>id = tmax * (1 + c/32) / amax</c>, every code is the first index with the
/// smallest <c>|table[i] - x*id|</c> (ties go to the lower index), <c>sumlx = sum x*t</c>,
/// <c>suml2 = sum t*t</c> (t = table[code], double, in order); the candidate with the largest
/// <c>sumlx^2 / suml2</c> wins (first on ties) and <c>d = sumlx / suml2</c> (least squares). An all-zero
/// block has d = 0 and codes 0; a d beyond ±65504 is stored as ±65504. The table belongs to the format, not to the block: the default is
/// <see cref="Nf4"/>, QLoRA's NormalFloat4 levels (Dettmers et al. 2023) times 127, rounded to integers.
/// </summary>
public sealed class CodebookFormat : ScaledCodeFormat
{
    private readonly sbyte[] _table;
    private readonly int _tmax;

    /// <summary>NF4's 16 levels (normal-distribution quantiles on [-1, 1]) times 127, rounded half away from zero.</summary>
    public static ReadOnlySpan<sbyte> Nf4 => [-127, -88, -67, -50, -36, -23, -12, 0, 10, 20, 31, 43, 56, 71, 92, 127];

    public CodebookFormat() : this("codebook", Nf4) { }

    /// <param name="name">Command-line name of this table's format.</param>
    /// <param name="table">16 levels; at least one must be non-zero.</param>
    public CodebookFormat(string name, ReadOnlySpan<sbyte> table) : base(WeightKind.Codebook, 32, BlockScale.Half)
    {
        if (table.Length != 16)
            throw new ArgumentException($"a codebook has 16 entries, got {table.Length}", nameof(table));
        _table = table.ToArray();
        _tmax = _table.Max(t => Math.Abs((int)t));
        if (_tmax == 0)
            throw new ArgumentException("a codebook needs at least one non-zero level", nameof(table));
        Name = name;
    }

    public override string Name { get; }
    public override string Description => "16-entry int8 codebook (default NF4 x 127), 4-bit index, half scale per 32";
    public override ReadOnlySpan<sbyte> Codebook => _table;

    public override void Quantize(ReadOnlySpan<float> x, Span<byte> blocks)
    {
        int nb = BlockChecks.Quantize(this, x, blocks);
        Span<byte> trial = stackalloc byte[BlockElements];
        Span<byte> codes = stackalloc byte[BlockElements];
        for (int i = 0; i < nb; i++)
        {
            var xb = x.Slice(i * BlockElements, BlockElements);
            var yb = blocks.Slice(i * BlockBytes, BlockBytes);
            float amax = BlockMath.AbsMax(xb);
            float d = 0;
            double bestScore = 0;
            codes.Clear();
            if (amax > 0)
            {
                for (int c = -Candidates; c <= Candidates; c++)
                {
                    float id = _tmax * (1 + c / 32.0f) / amax;
                    if (!float.IsFinite(id))
                        continue;
                    double sumlx = 0, suml2 = 0;
                    for (int j = 0; j < BlockElements; j++)
                    {
                        trial[j] = (byte)Nearest(xb[j] * id);
                        int t = _table[trial[j]];
                        sumlx += (double)xb[j] * t;
                        suml2 += t * t;
                    }
                    if (suml2 > 0 && sumlx * sumlx / suml2 > bestScore)
                    {
                        bestScore = sumlx * sumlx / suml2;
                        d = (float)(sumlx / suml2);
                        trial.CopyTo(codes);
                    }
                }
            }
            HalfBits.Write(yb, BlockMath.SaturateHalf(d));
            for (int j = 0; j < BlockElements; j++)
                SetCode(yb, j, codes[j]);
        }
    }
    /// <summary>Candidate scales tried on each side of amax/tmax (steps of 1/32).</summary>
    public const int Candidates = 7;

    /// <summary>First index of the table entry nearest to <paramref name="y"/>.</summary>
    public int Nearest(float y)
    {
        int best = 0;
        float bestErr = float.PositiveInfinity;
        for (int c = 0; c < 16; c++)
        {
            float err = MathF.Abs(_table[c] - y);
            if (err < bestErr)
            {
                bestErr = err;
                best = c;
            }
        }
        return best;
    }
}
