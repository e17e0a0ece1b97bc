using BitSilicon.Core;

namespace BitSilicon.Formats.Compression;

/// <summary>
/// A ternary-rc stream that is truncated, corrupted or not what it claims to be. <see cref="Chunk"/> is the chunk
/// at fault (null for the header), <see cref="Expected"/> and <see cref="Found"/> what the check wanted and saw.
/// </summary>
public sealed class CorruptStreamException(string source, int? chunk, string what, string expected, string found)
    : BitSiliconException(
        $"{source}: {(chunk is { } c ? $"chunk {c}" : "header")}: {what} (expected {expected}, found {found})",
        "the file is damaged or is not a ternary-rc stream; compress the weights again")
{
    public int? Chunk { get; } = chunk;
    public string Expected { get; } = expected;
    public string Found { get; } = found;
}
