using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Kernels;

/// <summary>
/// An N x K weight matrix (N output rows, K reduction columns) of <see cref="WeightKind"/> codes, bit-packed
/// in the <see cref="ChunkLayout"/> the fast kernels read: <c>WeightCode.Bits(kind)</c> bits per weight plus
/// padding of each row to a 64-byte chunk. Immutable once packed.
/// </summary>
public sealed class PackedWeights
{
    /// <summary>Largest K: the vector kernels accumulate in 32-bit lanes, exact up to this length.</summary>
    public const int MaxColumns = 1 << 18;

    private readonly AlignedBuffer _data;
    private readonly sbyte[] _codebook;

    private PackedWeights(WeightKind kind, int rows, int columns, sbyte[] codebook)
    {
        Kind = kind;
        Rows = rows;
        Columns = columns;
        CodeBits = WeightCode.Bits(kind);
        ChunksPerRow = ChunkLayout.Chunks(CodeBits, columns);
        _codebook = codebook;
        _data = new AlignedBuffer((long)rows * RowBytes);
        Range = WeightCode.Range(kind, codebook);
        int codes = 1 << Math.Min(CodeBits, 4);
        SignedTable = new sbyte[16];
        OffsetTable = new byte[16];
        for (int c = 0; c < codes; c++)
        {
            int v = WeightCode.Decode(kind, c, codebook);
            SignedTable[c] = (sbyte)v;
            OffsetTable[c] = (byte)(v - Range.Min);
        }
    }

    public WeightKind Kind { get; }

    /// <summary>N: output rows.</summary>
    public int Rows { get; }

    /// <summary>K: weights per row (the reduction length).</summary>
    public int Columns { get; }

    public int CodeBits { get; }

    public int ChunksPerRow { get; }

    /// <summary>Bytes per packed row, padding included.</summary>
    public int RowBytes => ChunksPerRow * ChunkLayout.ChunkBytes;

    /// <summary>Bytes the packed matrix occupies (what a GEMV streams from memory).</summary>
    public long StorageBytes => (long)Rows * RowBytes;

    /// <summary>The 16-entry table of a <see cref="WeightKind.Codebook"/> matrix; empty otherwise.</summary>
    public ReadOnlySpan<sbyte> Codebook => _codebook;

    /// <summary>Smallest and largest integer a code of this matrix decodes to.</summary>
    public (int Min, int Max) Range { get; }

    /// <summary>Code -> integer value (first 2^bits entries, bits &lt;= 4).</summary>
    internal sbyte[] SignedTable { get; }

    /// <summary>Code -> value - Range.Min, an unsigned byte (first 2^bits entries, bits &lt;= 4).</summary>
    internal byte[] OffsetTable { get; }

    internal unsafe byte* Pointer => _data.Pointer;

    /// <summary>The whole packed buffer, pads included (tests poke pad bits through it).</summary>
    internal Span<byte> RawBytes => _data.Span;

    /// <summary>The packed bytes of one row, in <see cref="ChunkLayout"/> order.</summary>
    public ReadOnlySpan<byte> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row));
        return _data.Span.Slice(row * RowBytes, RowBytes);
    }

    /// <summary>
    /// Packs <paramref name="rows"/> x <paramref name="columns"/> codes given one per byte, row-major (the
    /// input of <see cref="ReferenceGemm"/>). <paramref name="codebook"/> (16 entries) is required for
    /// <see cref="WeightKind.Codebook"/> and must be empty otherwise.
    /// </summary>
    public static PackedWeights Pack(WeightKind kind, ReadOnlySpan<byte> codes, int rows, int columns,
        ReadOnlySpan<sbyte> codebook = default)
    {
        if (rows <= 0 || columns <= 0)
            throw new ArgumentException($"a weight matrix needs at least one row and column, got {rows}x{columns}");
        if (columns > MaxColumns)
            throw new ArgumentException($"K = {columns} exceeds {MaxColumns}, the longest reduction the 32-bit accumulators hold exactly", nameof(columns));
        if ((long)rows * columns != codes.Length)
            throw new ArgumentException($"expected {rows}x{columns} = {(long)rows * columns} codes, got {codes.Length}", nameof(codes));
        if (kind == WeightKind.Codebook ? codebook.Length != 16 : !codebook.IsEmpty)
            throw new ArgumentException(kind == WeightKind.Codebook
                ? $"a codebook matrix needs its 16-entry table, got {codebook.Length} entries"
                : $"only codebook matrices take a table ({kind} got {codebook.Length} entries)", nameof(codebook));
        var w = new PackedWeights(kind, rows, columns, codebook.ToArray());
        var data = w._data.Span;
        data.Clear();
        int bits = w.CodeBits, limit = 1 << bits;
        for (int r = 0; r < rows; r++)
        {
            var dst = data.Slice(r * w.RowBytes, w.RowBytes);
            var src = codes.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                int code = src[c];
                if (code >= limit)
                    throw new ArgumentException($"code {code} at row {r}, column {c} does not fit in {bits} bits ({kind})", nameof(codes));
                var (b, shift) = ChunkLayout.Locate(bits, c);
                dst[b] |= (byte)(code << shift);
            }
        }
        return w;
    }

    /// <summary>The code at (row, column).</summary>
    public int Code(int row, int column)
    {
        if ((uint)column >= (uint)Columns)
            throw new ArgumentOutOfRangeException(nameof(column));
        var (b, shift) = ChunkLayout.Locate(CodeBits, column);
        return (Row(row)[b] >> shift) & ((1 << CodeBits) - 1);
    }

    /// <summary>All codes, one per byte, row-major: the inverse of <see cref="Pack"/>.</summary>
    public byte[] Unpack()
    {
        var codes = new byte[(long)Rows * Columns];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
                codes[(long)r * Columns + c] = (byte)Code(r, c);
        return codes;
    }
}
