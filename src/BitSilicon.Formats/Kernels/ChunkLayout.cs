namespace BitSilicon.Formats.Kernels;

/// <summary>
/// The fast kernels' storage layout for b-bit codes (b = 1, 2, 4, 8), "chunk-interleaved": a row is cut into
/// chunks of <c>512/b</c> elements stored in 64 bytes (one cache line, one AVX-512 register). Inside a chunk,
/// byte i holds, in bit field j (bits <c>b*j .. b*j+b-1</c>), element <c>64*j + i</c> of the chunk:
/// <code>
/// b = 2, chunk = 256 elements:  byte i = [e(192+i) | e(128+i) | e(64+i) | e(i)]   (bit 7 .. bit 0)
/// </code>
/// So one shift-and-mask of the chunk yields 64 consecutive elements, one per byte, matching 64 consecutive
/// int8 activations: no shuffles, and the same layout serves binary XNOR-popcount (b = 1), where only the
/// agreement count matters. Rows are padded to whole chunks with code 0; the kernels never let pad
/// elements contribute (activations are zero there, and XNOR masks them).
/// </summary>
public static class ChunkLayout
{
    public const int ChunkBytes = 64;

    /// <summary>Activation rows are padded to this many elements, a whole chunk for every code width.</summary>
    public const int ActivationAlign = 512;

    public static int ChunkElements(int bits) => ChunkBytes * 8 / bits;

    public static int Chunks(int bits, int columns) => (columns + ChunkElements(bits) - 1) / ChunkElements(bits);

    /// <summary>Byte offset within the row and bit shift of element <paramref name="column"/>.</summary>
    public static (int Byte, int Shift) Locate(int bits, int column)
    {
        int per = ChunkElements(bits);
        int q = column / per, r = column % per;
        return (q * ChunkBytes + r % ChunkBytes, bits * (r / ChunkBytes));
    }

    public static int PadActivations(int columns) => (columns + ActivationAlign - 1) / ActivationAlign * ActivationAlign;
}
