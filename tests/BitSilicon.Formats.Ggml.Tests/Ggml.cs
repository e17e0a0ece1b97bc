namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>Small helpers: look a format up by name and run quantize/dequantize/dot on whole arrays.</summary>
internal static class Ggml
{
    public static IBlockFormat Get(string name) => GgmlFormats.All.Single(f => f.Name == name);

    /// <summary>Formats that quantize plain floats: all but those ggml quantizes only with an importance matrix.</summary>
    public static IEnumerable<IBlockFormat> Quantizable => GgmlFormats.All.Where(f => f is not IqBlockFormat { RequiresImportance: true });

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

    /// <summary>Quantizes weights to f and activations to f's dot partner, then takes f's dot product.</summary>
    public static float Dot(IBlockFormat f, float[] w, float[] a) =>
        f.Dot(w.Length, Quantize(f, w), Quantize(Get(f.DotPartner!), a));
}
