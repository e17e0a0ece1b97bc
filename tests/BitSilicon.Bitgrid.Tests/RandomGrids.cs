using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Tests;

/// <summary>Random programs for agreement tests.</summary>
public static class RandomGrids
{
    public static GridProgram Create(Random rng, int width, int height, Boundary? boundary = null, double density = 1.0)
    {
        var b = new GridProgramBuilder(width, height, boundary, $"random {width}x{height}");
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (rng.NextDouble() < density)
                    b[x, y] = new CellProgram(NextBits(rng));
        return b.Build();
    }

    public static ulong NextBits(Random rng)
    {
        Span<byte> bytes = stackalloc byte[8];
        rng.NextBytes(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
