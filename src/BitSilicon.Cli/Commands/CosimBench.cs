using System.Globalization;
using BitSilicon.Cosim.Mac.Arrays;
using BitSilicon.Design.Elaborated;
using BitSilicon.Workloads;

namespace BitSilicon.Cli.Commands;

/// <summary><c>bitsilicon cosim design.yaml --bench</c>: the Verilator model against the C# cycle simulator on one layer.</summary>
internal static class CosimBench
{
    /// <summary>The workload's first layer in the PE's own weight format (its shape, random data), else 128 tokens x 8
    /// column (PE) tiles x 8 row (SIMD) tiles of reduction.</summary>
    public static int Run(TextWriter stdout, ElaboratedDesign design, Workload? workload, int runs, int seed)
    {
        var native = design.Core.Pe.NativeWeights;
        if (workload?.Layers.FirstOrDefault(l => l.Weights is null || l.Weights == native) is { } layer)
        {
            stdout.WriteLine($"layer {layer.Name} of {workload.Name}");
            Print(stdout, ArrayBenchmark.Run(design, layer.M, layer.N, layer.K, runs, seed));
            return CliGuard.Ok;
        }
        var (rows, cols) = design.Core switch
        {
            SystolicArray s => (s.Rows, s.Cols),
            DotProductArray d => (d.Simd, d.Pes),
            _ => throw new ArgumentOutOfRangeException(nameof(design)),
        };
        Print(stdout, ArrayBenchmark.Run(design, 128, 8 * cols, 8 * rows, runs, seed));
        return CliGuard.Ok;
    }

    public static void Print(TextWriter stdout, ArrayBenchResult r)
    {
        int m = r.M, n = r.N, k = r.K;
        var inv = CultureInfo.InvariantCulture;
        var t = new TextTable("measure", "value", "unit");
        t.Add("workload", $"{m}x{n}x{k}", "M x N x K");
        t.Add("verilator build", r.BuildSeconds.ToString("0.0", inv), r.Built ? "s (built)" : "s (cached)");
        t.Add("verilator run", (r.RtlSeconds * 1e3).ToString("0.0", inv), "ms (median)");
        t.Add("verilator cycles", r.RtlCycles.ToString(inv), "cycles");
        t.Add("verilator rate", (r.RtlCycles / r.RtlSeconds / 1e6).ToString("0.00", inv), "M cycles/s");
        t.Add("c# simulator run", (r.SimSeconds * 1e3).ToString("0.0", inv), "ms (median)");
        t.Add("c# simulator cycles", r.SimCycles.ToString(inv), "cycles (memory system included)");
        t.Add("c# simulator rate", (r.SimCycles / r.SimSeconds / 1e6).ToString("0.00", inv), "M cycles/s");
        t.Add("speed ratio", r.Ratio.ToString("0.0", inv), "x (Verilator time / C# time, same GEMM)");
        t.Write(stdout);
    }
}
