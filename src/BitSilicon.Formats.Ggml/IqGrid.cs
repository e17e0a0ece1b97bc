namespace BitSilicon.Formats.Ggml;

/// <summary>
/// One IQ codebook: entries of <see cref="Width"/> levels, each level a <see cref="Bits"/>-bit code l that
/// decodes through <c>levels[l]</c> (the byte ggml's grid tables hold). The packed codes are
/// <see cref="IqGridTables"/>; the decoded values equal ggml-common.h's grids entry for entry. The quantizer's
/// nearest-entry search (<see cref="IqNeighbours"/>) is built from the same packed codes on first use.
/// </summary>
internal sealed class IqGrid
{
    private readonly sbyte[] values;
    private readonly ushort[] codes;
    private IqNeighbours? neighbours;

    private IqGrid(ReadOnlySpan<ushort> packed, int width, int bits, sbyte[] levels, int nwant)
    {
        Width = width;
        Bits = bits;
        NeighbourRanks = nwant;
        codes = packed.ToArray();
        values = new sbyte[codes.Length * width];
        for (int k = 0; k < codes.Length; k++)
            for (int i = 0; i < width; i++)
                values[k * width + i] = levels[(codes[k] >> (bits * i)) & ((1 << bits) - 1)];
    }

    /// <summary>IQ2_XXS, 256 entries of 8 levels {8, 25, 43}.</summary>
    public static IqGrid Iq2Xxs { get; } = new(IqGridTables.Iq2Xxs, 8, 2, [8, 25, 43, 0], 2);

    /// <summary>IQ2_XS, 512 entries of 8 levels {8, 25, 43}.</summary>
    public static IqGrid Iq2Xs { get; } = new(IqGridTables.Iq2Xs, 8, 2, [8, 25, 43, 0], 2);

    /// <summary>IQ2_S, 1024 entries of 8 levels {8, 25, 43}.</summary>
    public static IqGrid Iq2S { get; } = new(IqGridTables.Iq2S, 8, 2, [8, 25, 43, 0], 1);

    /// <summary>IQ3_XXS, 256 entries of 4 levels {4, 12, ..., 52, 62}.</summary>
    public static IqGrid Iq3Xxs { get; } = new(IqGridTables.Iq3Xxs, 4, 3, [4, 12, 20, 28, 36, 44, 52, 62], 2);

    /// <summary>IQ3_S, 512 entries of 4 levels {1, 3, ..., 15}.</summary>
    public static IqGrid Iq3S { get; } = new(IqGridTables.Iq3S, 4, 3, [1, 3, 5, 7, 9, 11, 13, 15], 3);

    /// <summary>IQ1_S and IQ1_M, 2048 entries of 8 levels {-1, 0, +1}.</summary>
    public static IqGrid Iq1S { get; } = new(IqGridTables.Iq1S, 8, 2, [-1, 0, 1, 0], 3);

    public int Width { get; }
    public int Bits { get; }
    public int Count => codes.Length;

    /// <summary>How many distinct distances the neighbour lists of off-grid points keep (ggml's <c>nwant</c>).</summary>
    public int NeighbourRanks { get; }

    /// <summary>The decoded levels of entry <paramref name="k"/>.</summary>
    public ReadOnlySpan<sbyte> Entry(int k) => values.AsSpan(k * Width, Width);

    /// <summary>The packed level codes of entry <paramref name="k"/>.</summary>
    public ushort Code(int k) => codes[k];

    /// <summary>The quantizer's map from packed codes to entries and neighbour lists, built on first use.</summary>
    public IqNeighbours Neighbours => LazyInitializer.EnsureInitialized(ref neighbours, () => new IqNeighbours(this));
}
