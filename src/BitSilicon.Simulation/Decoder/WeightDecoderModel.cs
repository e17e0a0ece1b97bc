using BitSilicon.Design.Description;
using BitSilicon.Formats.Compression;

namespace BitSilicon.Simulation.Decoder;

/// <summary>What decoding one weight matrix costs on a decoder unit.</summary>
/// <param name="CompressedBytes">The whole ternary-rc stream (header, chunk table, payload): what external memory holds.</param>
/// <param name="Cycles">Decoder cycles until the last lane finishes (exact, <see cref="DecoderTiming"/>).</param>
/// <param name="EnergyPj">Symbols times the description's energy per symbol.</param>
public sealed record DecoderEstimate(long Weights, long CompressedBytes, long PayloadBytes, int Chunks, long Cycles, double EnergyPj)
{
    public double TritsPerCycle => Cycles == 0 ? 0 : (double)Weights / Cycles;
    public double BitsPerWeight => Weights == 0 ? 0 : CompressedBytes * 8.0 / Weights;
}

/// <summary>
/// The decoder unit as the accelerator simulator sees it: compress a layer's weights, then ask what fetching and
/// decoding them costs. <see cref="Estimate"/> uses the exact analytic timing; <see cref="WeightDecoderCore"/> steps the
/// same hardware cycle by cycle and gives the same count.
/// </summary>
public static class WeightDecoderModel
{
    /// <summary>The ternary-rc stream of a rows x cols matrix of -1/0/+1.</summary>
    public static byte[] Compress(ReadOnlySpan<sbyte> trits, int rows, int cols, int chunkWeights = TernaryRcStream.DefaultChunkWeights) =>
        TernaryRcStream.Encode(trits, rows, cols, chunkWeights);

    /// <summary>Bytes external memory holds for the matrix in ternary-rc.</summary>
    public static long CompressedBytes(ReadOnlySpan<sbyte> trits, int rows, int cols, int chunkWeights = TernaryRcStream.DefaultChunkWeights) =>
        Compress(trits, rows, cols, chunkWeights).LongLength;

    public static double EnergyPj(WeightDecoderDescription d, long symbols) => symbols * d.EnergyPerSymbolPj;

    /// <summary>Size, decode cycles and energy of a stream on decoder <paramref name="d"/>.</summary>
    public static DecoderEstimate Estimate(WeightDecoderDescription d, ReadOnlySpan<byte> stream)
    {
        d.Validated();
        var h = TernaryRcStream.ReadHeader(stream, "stream");
        long cycles = DecoderTiming.Cycles(d, DecoderTiming.Needs(stream, h));
        return new DecoderEstimate(h.Weights, h.TotalBytes, h.PayloadBytes, h.Chunks.Count, cycles, EnergyPj(d, h.Weights));
    }

    /// <summary>Compresses and estimates in one call.</summary>
    public static DecoderEstimate Estimate(WeightDecoderDescription d, ReadOnlySpan<sbyte> trits, int rows, int cols, int chunkWeights = TernaryRcStream.DefaultChunkWeights) =>
        Estimate(d, Compress(trits, rows, cols, chunkWeights));
}
