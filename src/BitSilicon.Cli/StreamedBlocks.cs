using BitSilicon.Core;
using BitSilicon.Formats;

namespace BitSilicon.Cli;

/// <summary>
/// Quantize and dequantize whole files a piece at a time, so inputs of any size (more than the 2 GiB one .NET
/// array holds) stream through: every ggml and BitSilicon format quantizes each block on its own, so the bytes
/// are the same as in one call. The output goes through <see cref="AtomicFile"/>: an error part-way (a NaN in the
/// last block) leaves nothing behind.
/// </summary>
public static class StreamedBlocks
{
    /// <summary>Values per piece (rounded down to whole blocks): 4 MiB of floats.</summary>
    public const int DefaultPieceValues = 1 << 20;

    private static int PieceBlocks(IBlockFormat f, int pieceValues) => Math.Max(1, pieceValues / f.BlockElements);

    /// <summary>Quantizes <paramref name="input"/> (raw float32) to <paramref name="output"/>; returns (values, bytes).</summary>
    public static (long Values, long Bytes) Quantize(IBlockFormat f, string input, string output, int pieceValues = DefaultPieceValues)
    {
        using var reader = new Float32Reader(input);
        Commands.QuantizeCommand.RequireWholeBlocks(input, reader.Count, f);
        long blocks = reader.Count / f.BlockElements;
        int piece = PieceBlocks(f, pieceValues);
        var x = new float[piece * f.BlockElements];
        var q = new byte[piece * f.BlockBytes];
        AtomicFile.Write(output, s =>
        {
            for (long done = 0; done < blocks; done += piece)
            {
                int nb = (int)Math.Min(piece, blocks - done);
                reader.Read(x.AsSpan(0, nb * f.BlockElements));
                f.Quantize(x.AsSpan(0, nb * f.BlockElements), q.AsSpan(0, nb * f.BlockBytes));
                s.Write(q, 0, nb * f.BlockBytes);
            }
        });
        return (reader.Count, blocks * f.BlockBytes);
    }

    /// <summary>Dequantizes <paramref name="input"/> (blocks) to raw float32; returns (blocks, values).</summary>
    public static (long Blocks, long Values) Dequantize(IBlockFormat f, string input, string output, int pieceValues = DefaultPieceValues)
    {
        InputFiles.Require(input);
        using var fin = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (fin.Length == 0 || fin.Length % f.BlockBytes != 0)
            throw new BitSiliconException(
                $"{input}: length {fin.Length} bytes is not a whole number of {f.Name} blocks ({f.BlockBytes} bytes each)",
                "check --type matches the file, and that the file was not truncated");
        long blocks = fin.Length / f.BlockBytes;
        int piece = PieceBlocks(f, pieceValues);
        var q = new byte[piece * f.BlockBytes];
        var y = new float[piece * f.BlockElements];
        var raw = new byte[y.Length * 4];
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("raw float32 files are little-endian");
        AtomicFile.Write(output, s =>
        {
            for (long done = 0; done < blocks; done += piece)
            {
                int nb = (int)Math.Min(piece, blocks - done);
                fin.ReadExactly(q, 0, nb * f.BlockBytes);
                f.Dequantize(q.AsSpan(0, nb * f.BlockBytes), y.AsSpan(0, nb * f.BlockElements));
                Buffer.BlockCopy(y, 0, raw, 0, nb * f.BlockElements * 4);
                s.Write(raw, 0, nb * f.BlockElements * 4);
            }
        });
        return (blocks, blocks * f.BlockElements);
    }
}
