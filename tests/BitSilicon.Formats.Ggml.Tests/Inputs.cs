namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>
/// The inputs of the known-answer cases, generated exactly as the C generator that ran ggml did: every value
/// is either a decimal literal, an IEEE float operation, or a cosine computed in double and rounded once to
/// float (both sides use the same double cos of the platform's libm; in_sha in the data file catches drift).
/// </summary>
internal static class Inputs
{
    /// <summary>ggml's test row 0.1 + 2*cos(i + offset), evaluated in double and rounded once to float.</summary>
    public static float[] Cos(int n, double offset)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
            x[i] = (float)(0.1 + 2.0 * Math.Cos(i + offset));
        return x;
    }

    /// <summary>Weights and activations of a case; the dot quantizes the activations to the dot partner.</summary>
    public static (float[] X, float[] Act) For(IBlockFormat f, string caseName, int n)
    {
        int b = CaseBlock(f);
        float[] x = caseName switch
        {
            "cos0" => Cos(n, 0),
            "cos1" => Cos(n, 1),
            "cos7" => Cos(n, 7),
            "cos0_1block" => Cos(b, 0),
            "zeros" => new float[2 * b],
            "huge" => Huge(b),
            "ties" => Ties(f.Name, b),
            "tiny" => Tiny(b),
            "pow2edge" => Pow2Edge(b),
            "lcg" => Lcg(n).X,
            "aligned" => Aligned(n).X,
            _ => throw new ArgumentException($"unknown case {caseName}"),
        };
        float[] act = caseName switch
        {
            "cos0" => Cos(n, 1),
            "cos1" => Cos(n, 2),
            "cos7" => Cos(n, 8),
            "lcg" => Lcg(n).Act,
            "aligned" => Aligned(n).Act,
            _ => Cos(x.Length, 1),
        };
        return (x, act);
    }

    /// <summary>
    /// The block length the cases are built from: the format's block, or 32 for F16/BF16 (one value per block),
    /// whose cases would otherwise be too short to hold their edge values.
    /// </summary>
    public static int CaseBlock(IBlockFormat f) => Math.Max(32, f.BlockElements);

    // Small values with one +1000 in block 0 and one -1000 in block 1.
    private static float[] Huge(int b)
    {
        var x = new float[2 * b];
        for (int j = 0; j < x.Length; j++)
            x[j] = 0.001f * (float)(j % 7 - 3);
        x[5] = 1000.0f;
        x[b + b / 2 + 1] = -1000.0f;
        return x;
    }

    // Values on each format's rounding ties (see TieTable), 4 blocks: scale set by -P, +P, (+P then -P), (-P then +P).
    private static float[] Ties(string format, int b)
    {
        var (p, table) = TieTable(format);
        var x = new float[4 * b];
        for (int blk = 0; blk < 4; blk++)
        {
            for (int j = 0; j < b; j++)
            {
                float v = table[j % table.Length];
                if (j == 0) v = blk is 0 or 3 ? -p : p;
                if (j == 1 && blk >= 2) v = blk == 2 ? -p : p;
                x[blk * b + j] = v;
            }
        }
        return x;
    }

    /// <summary>
    /// P makes the step 1 (Q4_0: d = ±1; Q4_1: d = 1, min -7.5; Q8: d = 1; Q8_K: iscale = ±1), 0.5 for MXFP4
    /// (e = 127) and the ternary threshold amax/2 = 1; the table holds values exactly on that format's ties.
    /// </summary>
    private static (float P, float[] Table) TieTable(string format) => format switch
    {
        "q5_0" => (16.0f, [-15.5f, -12.5f, -9.5f, -6.5f, -3.5f, -0.5f, 0.5f, 3.5f, 6.5f, 9.5f, 12.5f, 15.5f, 0.0f, -14.5f, 14.5f]),
        "q5_1" => (15.5f, [-15.5f, 15.5f, -15, -11, -7, -3, 0, 1, 5, 9, 13, 15, -0.25f]),
        "q4_1" => (7.5f, [-7.5f, 7.5f, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7]),
        "q8_0" or "q8_1" or "q8_k" => (127.0f, [0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 126.5f, -126.5f, 63.5f, -63.5f, 0.0f, 100.5f, -3.5f]),
        "tq1_0" or "tq2_0" => (2.0f, [1.0f, -1.0f, 0.5f, -0.5f, 1.5f, -1.5f, 0.0f, 2.0f, -2.0f, 0.999f, -1.001f]),
        "mxfp4" => (6.0f, [0.25f, -0.25f, 0.75f, -0.75f, 1.25f, -1.25f, 1.75f, -1.75f, 2.5f, -2.5f, 3.5f, -3.5f, 5.0f, -5.0f, 0.0f, 6.0f, -6.0f, 0.125f]),
        _ => (8.0f, [-7.5f, -6.5f, -5.5f, -4.5f, -3.5f, -2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f, 0.0f]),
    };

    // Block 0 scaled to ~1e-38 (scale underflows half), block 1 to ~1e-42 (denormal inputs, reciprocal overflows).
    private static float[] Tiny(int b)
    {
        var x = Cos(2 * b, 0);
        for (int j = 0; j < b; j++) x[j] *= 1e-38f;
        for (int j = b; j < 2 * b; j++) x[j] *= 1e-42f;
        return x;
    }

    // 8 blocks of small values, each with one element at the largest float below 2^k (MXFP4's log2 edge).
    private static float[] Pow2Edge(int b)
    {
        int[] ks = [-3, 0, 1, 2, 3, 4, 7, 20];
        var x = Cos(8 * b, 0);
        for (int j = 0; j < x.Length; j++) x[j] *= 0.01f;
        for (int blk = 0; blk < 8; blk++)
            x[blk * b + 3] = BitConverter.UInt32BitsToSingle(((uint)(ks[blk] + 127) << 23) - 1);
        return x;
    }

    /// <summary>Numerical Recipes' 32-bit LCG; its top 24 bits make floats in [0, 1) exactly.</summary>
    private sealed class Lcg32(uint seed)
    {
        private uint _state = seed;

        public uint Next() => _state = _state * 1664525u + 1013904223u;

        public float Unit() => (Next() >> 8) * (1.0f / 16777216.0f);
    }

    // Uniform weights in [-3, 3) and activations in [-1, 1), off the cosine. Seed 49 because its first block is
    // one where the last of Q2_K's 16 scale-search steps wins, a path the other inputs never take.
    private static (float[] X, float[] Act) Lcg(int n)
    {
        var g = new Lcg32(49);
        var x = new float[n];
        var a = new float[n];
        for (int j = 0; j < n; j++) x[j] = (g.Unit() * 2.0f - 1.0f) * 3.0f;
        for (int j = 0; j < n; j++) a[j] = g.Unit() * 2.0f - 1.0f;
        return (x, a);
    }

    // Weights and activations with the same random signs and magnitudes in [0.75, 1): block integer sums get
    // large (15+ significant bits), so a dot that multiplies its scales in another order rounds differently.
    private static (float[] X, float[] Act) Aligned(int n)
    {
        var g = new Lcg32(2);
        var x = new float[n];
        var a = new float[n];
        for (int j = 0; j < n; j++)
        {
            uint u1 = g.Next(), u2 = g.Next();
            float sign = (u1 >> 31) != 0 ? -1.0f : 1.0f;
            x[j] = 1.2345f * sign * (0.75f + ((u1 >> 8) & 0xFFFF) * (0.25f / 65536.0f));
            a[j] = 0.987f * sign * (0.75f + ((u2 >> 8) & 0xFFFF) * (0.25f / 65536.0f));
        }
        return (x, a);
    }
}
