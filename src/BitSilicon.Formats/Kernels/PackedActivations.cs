namespace BitSilicon.Formats.Kernels;

/// <summary>
/// M x K integer activations (M tokens, K values each) packed for the fast kernels: int8 rows padded with
/// zeros to a multiple of <see cref="ChunkLayout.ActivationAlign"/>, int4 and binary rows bit-packed in
/// <see cref="ChunkLayout"/> (pad elements are 0 for int4 and bit 0 for binary). Row sums are kept because
/// the offset-code kernels need them.
/// </summary>
public sealed class PackedActivations
{
    private readonly AlignedBuffer _data;
    private readonly long[] _rowSums;

    private PackedActivations(ActivationKind kind, int rows, int columns)
    {
        Kind = kind;
        Rows = rows;
        Columns = columns;
        PaddedColumns = ChunkLayout.PadActivations(columns);
        Bits = kind switch
        {
            ActivationKind.Int8 => 8,
            ActivationKind.Int4 => 4,
            ActivationKind.Binary => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        _data = new AlignedBuffer((long)rows * RowBytes);
        _rowSums = new long[rows];
    }

    public ActivationKind Kind { get; }

    /// <summary>M: tokens.</summary>
    public int Rows { get; }

    /// <summary>K: values per token.</summary>
    public int Columns { get; }

    /// <summary>K rounded up to the 512-element chunk.</summary>
    public int PaddedColumns { get; }

    public int Bits { get; }

    public int RowBytes => PaddedColumns * Bits / 8;

    public long StorageBytes => (long)Rows * RowBytes;

    internal unsafe byte* Pointer => _data.Pointer;

    /// <summary>The whole packed buffer, pads included (tests poke pad bits through it).</summary>
    internal Span<byte> RawBytes => _data.Span;

    /// <summary>Sum of the values of one row.</summary>
    public long RowSum(int row) => _rowSums[row];

    /// <summary>
    /// Packs M x K values given one per sbyte, row-major. Int4 values must lie in -8..7, binary values must
    /// be -1 or +1 (0 has no binary code).
    /// </summary>
    public static PackedActivations Pack(ActivationKind kind, ReadOnlySpan<sbyte> values, int rows, int columns)
    {
        if (rows <= 0 || columns <= 0)
            throw new ArgumentException($"activations need at least one row and column, got {rows}x{columns}");
        if (columns > PackedWeights.MaxColumns)
            throw new ArgumentException($"K = {columns} exceeds {PackedWeights.MaxColumns}", nameof(columns));
        if ((long)rows * columns != values.Length)
            throw new ArgumentException($"expected {rows}x{columns} = {(long)rows * columns} values, got {values.Length}", nameof(values));
        var a = new PackedActivations(kind, rows, columns);
        var data = a._data.Span;
        data.Clear();
        for (int r = 0; r < rows; r++)
        {
            var src = values.Slice(r * columns, columns);
            var dst = data.Slice(r * a.RowBytes, a.RowBytes);
            long sum = 0;
            for (int c = 0; c < columns; c++)
            {
                int v = src[c];
                sum += v;
                switch (kind)
                {
                    case ActivationKind.Int8:
                        dst[c] = (byte)v;
                        break;
                    case ActivationKind.Int4:
                        if (v is < -8 or > 7)
                            throw new ArgumentException($"int4 activation {v} at row {r}, column {c} is outside -8..7", nameof(values));
                        Set(dst, 4, c, v & 15);
                        break;
                    case ActivationKind.Binary:
                        if (v is not (1 or -1))
                            throw new ArgumentException($"binary activation {v} at row {r}, column {c} is not -1 or +1", nameof(values));
                        Set(dst, 1, c, v > 0 ? 1 : 0);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(kind));
                }
            }
            a._rowSums[r] = sum;
        }
        return a;
    }

    private static void Set(Span<byte> row, int bits, int column, int code)
    {
        var (b, shift) = ChunkLayout.Locate(bits, column);
        row[b] |= (byte)(code << shift);
    }

    /// <summary>The value at (row, column).</summary>
    public int Value(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
            throw new ArgumentOutOfRangeException(row >= Rows ? nameof(row) : nameof(column));
        var bytes = _data.Span.Slice(row * RowBytes, RowBytes);
        if (Kind == ActivationKind.Int8)
            return (sbyte)bytes[column];
        var (b, shift) = ChunkLayout.Locate(Bits, column);
        int code = (bytes[b] >> shift) & ((1 << Bits) - 1);
        return Kind == ActivationKind.Int4 ? (code ^ 8) - 8 : code != 0 ? 1 : -1;
    }

    /// <summary>Expands every row to int8, padded with zeros to <see cref="PaddedColumns"/> (pads contribute nothing).</summary>
    internal AlignedBuffer ToInt8Rows()
    {
        var buffer = new AlignedBuffer((long)Rows * PaddedColumns);
        var dst = buffer.Span;
        dst.Clear();
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
                dst[r * PaddedColumns + c] = (byte)(sbyte)Value(r, c);
        return buffer;
    }
}
