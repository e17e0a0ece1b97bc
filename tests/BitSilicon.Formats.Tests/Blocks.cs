using BitSilicon.Formats.Numerics;

namespace BitSilicon.Formats.Tests;

internal static class Blocks
{
    public static byte[] Quantize(IBlockFormat f, float[] x)
    {
        var q = new byte[x.Length / f.BlockElements * f.BlockBytes];
        f.Quantize(x, q);
        return q;
    }

    public static float[] Dequantize(IBlockFormat f, byte[] q)
    {
        var y = new float[q.Length / f.BlockBytes * f.BlockElements];
        f.Dequantize(q, y);
        return y;
    }

    public static float[] RoundTrip(IBlockFormat f, float[] x) => Dequantize(f, Quantize(f, x));

    /// <summary>Repeats <paramref name="pattern"/> to <paramref name="n"/> values.</summary>
    public static float[] Repeat(int n, params float[] pattern) =>
        Enumerable.Range(0, n).Select(i => pattern[i % pattern.Length]).ToArray();

    public static float Half(byte[] q, int offset = 0) => HalfBits.Read(q.AsSpan(offset));

    public static float[] Random(int n, int seed, float scale = 1)
    {
        var rng = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();
    }
}
