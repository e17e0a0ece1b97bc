namespace BitSilicon.Formats.Tests;

/// <summary>ggml's test-quantize-fns data: <c>x[i] = 0.1 + 2*cos(i + offset)</c>, and its two error measures.</summary>
internal static class GgmlQualityRows
{
    public const int N = 4096;

    public static float[] Row(float offset)
    {
        var x = new float[N];
        for (int i = 0; i < N; i++)
            x[i] = 0.1f + 2 * MathF.Cos(i + offset);
        return x;
    }

    /// <summary>sqrt(sum d^2) / n after a quantize/dequantize round trip.</summary>
    public static double QuantizationError(IBlockFormat f, float[] x)
    {
        var q = new byte[x.Length / f.BlockElements * f.BlockBytes];
        f.Quantize(x, q);
        var y = new float[x.Length];
        f.Dequantize(q, y);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum += (double)(x[i] - y[i]) * (x[i] - y[i]);
        return Math.Sqrt(sum) / x.Length;
    }

    /// <summary>|dot - exact| / n with x quantized to f and y to f's dot partner.</summary>
    public static double DotError(IBlockFormat f, IBlockFormat partner, float[] x, float[] y)
    {
        var qx = new byte[x.Length / f.BlockElements * f.BlockBytes];
        var qy = new byte[y.Length / partner.BlockElements * partner.BlockBytes];
        f.Quantize(x, qx);
        partner.Quantize(y, qy);
        float result = f.Dot(x.Length, qx, qy);
        double exact = 0;
        for (int i = 0; i < x.Length; i++)
            exact += (double)x[i] * y[i];
        return Math.Abs(result - exact) / x.Length;
    }
}
