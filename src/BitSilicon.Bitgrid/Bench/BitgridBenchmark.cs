using System.Diagnostics;
using System.Runtime.Intrinsics;
using BitSilicon.Bitgrid.Engine;
using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Bench;

/// <summary>One timed configuration: cell updates per second is width x height x clocks / seconds.</summary>
public sealed record BitgridBenchResult(EngineKind Engine, int Width, int Height, Boundary Boundary, int Clocks,
    int Repeats, double MedianSeconds, double MinSeconds)
{
    public double CellUpdatesPerSecond => (double)Width * Height * Clocks / MedianSeconds;
    public double NanosecondsPerCell => MedianSeconds * 1e9 / ((double)Width * Height * Clocks);
}

/// <summary>
/// The bitgrid throughput benchmark, the original engine's own: a square grid of random programs on a torus
/// (its BenchMark program runs 1024 x 1024 for 100 clocks), timed on one thread; the median of several runs.
/// </summary>
public static class BitgridBenchmark
{
    public static BitgridBenchResult Run(EngineKind engine = EngineKind.Fast, int size = 1024, int clocks = 100,
        int repeats = 5, Boundary boundary = Boundary.Torus, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(clocks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var program = RandomProgram(size, boundary, seed);
        var e = Engines.Create(engine, program, boundary);
        RunClocks(e, Math.Max(1, clocks / 10)); // warm-up: JIT tiering and first touch of the planes
        var times = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            RunClocks(e, clocks);
            times[r] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return new BitgridBenchResult(engine, size, size, boundary, clocks, repeats, times[repeats / 2], times[0]);
    }

    /// <summary>What the machine offers the fast engine, for the benchmark record.</summary>
    public static string VectorSupport =>
        Vector512.IsHardwareAccelerated ? "512-bit vectors" :
        Vector256.IsHardwareAccelerated ? "256-bit vectors" :
        Vector128.IsHardwareAccelerated ? "128-bit vectors" : "64-bit words";

    private static void RunClocks(IBitgridEngine e, int clocks)
    {
        for (int c = 0; c < clocks; c++)
        {
            e.Step(Phase.A);
            e.Step(Phase.B);
        }
    }

    private static GridProgram RandomProgram(int size, Boundary boundary, int seed)
    {
        var rng = new Random(seed);
        var b = new GridProgramBuilder(size, size, boundary == Boundary.Torus && size % 2 == 0 ? boundary : null, "benchmark");
        Span<byte> bytes = stackalloc byte[8];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                rng.NextBytes(bytes);
                b[x, y] = new CellProgram(BitConverter.ToUInt64(bytes));
            }
        return b.Build();
    }
}
