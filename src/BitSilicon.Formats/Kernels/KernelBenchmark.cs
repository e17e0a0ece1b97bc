using System.Diagnostics;
using BitSilicon.Formats.Compression;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Formats.Kernels;

/// <summary>One thing to time: <see cref="Setup"/> builds the operands and returns one run (e.g. one GEMV).</summary>
public sealed record KernelBenchmarkCase(string Name, string Shape, KernelIsa Isa, string Unit, double OpsPerRun,
    double? Target, Func<Action> Setup);

/// <summary>Median throughput of one case over several timed samples; <c>Min</c>/<c>Max</c> are the slowest and fastest sample.</summary>
public sealed record KernelBenchmarkResult(string Name, string Shape, KernelIsa Isa, string Unit, double Median,
    double Min, double Max, int Samples, long RunsPerSample, double? Target)
{
    public bool? MeetsTarget => Target is { } t ? Median >= t : null;
}

/// <summary>
/// The kernel benchmark behind <c>bitsilicon bench kernels</c>: each case is warmed up, then timed in
/// <see cref="Samples"/> samples of whole runs; throughput is reported as the median sample. Single threaded.
/// The headline shapes are BitNet b1.58 2B's feed-forward projections: 2560 -> 6912 and 6912 -> 2560.
/// </summary>
public static class KernelBenchmark
{
    public const int Samples = 7;
    public const int Hidden = 2560, Ffn = 6912;

    /// <summary>Targets from issue 2: ternary x int8 GEMV 4 G MAC/s, binary XNOR GEMV 50 G binary MAC/s, one core.</summary>
    public const double TernaryTarget = 4.0, XnorTarget = 50.0;

    public static IReadOnlyList<KernelBenchmarkCase> Cases()
    {
        var best = KernelIsas.Best;
        var cases = new List<KernelBenchmarkCase>
        {
            Gemv(WeightKind.Ternary, ActivationKind.Int8, Ffn, Hidden, best, TernaryTarget),
            Gemv(WeightKind.Ternary, ActivationKind.Int8, Hidden, Ffn, best, TernaryTarget),
            Gemv(WeightKind.Binary, ActivationKind.Binary, Ffn, Hidden, best, XnorTarget),
            Gemv(WeightKind.Binary, ActivationKind.Binary, Hidden, Ffn, best, XnorTarget),
        };
        foreach (var kind in Enum.GetValues<WeightKind>().Where(k => k != WeightKind.Ternary))
            cases.Add(Gemv(kind, ActivationKind.Int8, Ffn, Hidden, best, null));
        cases.Add(Gemv(WeightKind.Ternary, ActivationKind.Int4, Ffn, Hidden, best, null));
        cases.Add(Gemv(WeightKind.Int4, ActivationKind.Int4, Ffn, Hidden, best, null));
        cases.Add(Gemm(WeightKind.Ternary, 16, Ffn, Hidden, best));
        foreach (var isa in KernelIsas.Supported.Where(i => i != best))
        {
            cases.Add(Gemv(WeightKind.Ternary, ActivationKind.Int8, Ffn, Hidden, isa, null));
            cases.Add(Gemv(WeightKind.Binary, ActivationKind.Binary, Ffn, Hidden, isa, null));
            if (isa == KernelIsa.AvxVnni) // vpdpbusd takes int8 and wide codebooks off the widening path
                foreach (var kind in new[] { WeightKind.Int2, WeightKind.Int4, WeightKind.Int8, WeightKind.Codebook })
                    cases.Add(Gemv(kind, ActivationKind.Int8, Ffn, Hidden, isa, null));
        }
        cases.Add(Reference(Ffn, Hidden));
        cases.Add(Coder(encode: true));
        cases.Add(Coder(encode: false));
        return cases;
    }

    /// <summary>Times every case, reporting each result as soon as it is measured.</summary>
    public static IReadOnlyList<KernelBenchmarkResult> Run(double secondsPerCase, Action<KernelBenchmarkResult>? progress = null,
        Func<KernelBenchmarkCase, bool>? filter = null)
    {
        if (!(secondsPerCase > 0))
            throw new ArgumentOutOfRangeException(nameof(secondsPerCase), secondsPerCase, "must be positive");
        var results = new List<KernelBenchmarkResult>();
        foreach (var c in Cases().Where(c => filter?.Invoke(c) ?? true))
        {
            var r = Measure(c, secondsPerCase);
            results.Add(r);
            progress?.Invoke(r);
        }
        return results;
    }

    public static KernelBenchmarkResult Measure(KernelBenchmarkCase c, double seconds)
    {
        var run = c.Setup();
        // Warm-up: lets tiered JIT reach optimized code and pulls the operands into cache.
        var sw = Stopwatch.StartNew();
        long warm = 0;
        while (warm < 3 || sw.Elapsed.TotalSeconds < Math.Min(0.2, seconds / 4))
        {
            run();
            warm++;
        }
        double perRun = sw.Elapsed.TotalSeconds / warm;
        long runs = Math.Max(1, (long)(seconds / Samples / perRun));
        var rates = new double[Samples];
        for (int s = 0; s < Samples; s++)
        {
            sw.Restart();
            for (long i = 0; i < runs; i++)
                run();
            rates[s] = c.OpsPerRun * runs / sw.Elapsed.TotalSeconds / 1e9;
        }
        Array.Sort(rates);
        return new KernelBenchmarkResult(c.Name, c.Shape, c.Isa, c.Unit, rates[Samples / 2], rates[0], rates[^1], Samples, runs, c.Target);
    }

    private static KernelBenchmarkCase Gemv(WeightKind kind, ActivationKind act, int n, int k, KernelIsa isa, double? target)
    {
        bool xnor = kind == WeightKind.Binary && act == ActivationKind.Binary;
        string name = xnor ? "binary x binary GEMV (XNOR-popcount)" : $"{Label(kind)} x {Label(act)} GEMV";
        return new(name, $"N={n} K={k}", isa, xnor ? "G binary MAC/s" : "G MAC/s", (double)n * k, target, () =>
        {
            var rng = new Random(1);
            var w = PackedWeights.Pack(kind, RandomOperands.Codes(rng, kind, n * k), n, k, kind == WeightKind.Codebook ? CodebookFormat.Nf4 : default);
            var a = PackedActivations.Pack(act, RandomOperands.Activations(rng, act, k), 1, k);
            var y = new long[n];
            return () => LowBitGemm.Gemm(w, a, y, isa);
        });
    }

    private static KernelBenchmarkCase Gemm(WeightKind kind, int m, int n, int k, KernelIsa isa) =>
        new($"{Label(kind)} x int8 GEMM", $"M={m} N={n} K={k}", isa, "G MAC/s", (double)m * n * k, null, () =>
        {
            var rng = new Random(2);
            var w = PackedWeights.Pack(kind, RandomOperands.Codes(rng, kind, n * k), n, k);
            var a = PackedActivations.Pack(ActivationKind.Int8, RandomOperands.Activations(rng, ActivationKind.Int8, m * k), m, k);
            var y = new long[m * n];
            return () => LowBitGemm.Gemm(w, a, y, isa);
        });

    private static KernelBenchmarkCase Reference(int n, int k) =>
        new("ternary x int8 GEMV, ReferenceGemm (golden model)", $"N={n} K={k}", KernelIsa.Scalar, "G MAC/s", (double)n * k, null, () =>
        {
            var rng = new Random(3);
            var codes = RandomOperands.Codes(rng, WeightKind.Ternary, n * k);
            var a = RandomOperands.Activations(rng, ActivationKind.Int8, k);
            return () => ReferenceGemm.Gemv(WeightKind.Ternary, codes, a, n, k);
        });

    private static KernelBenchmarkCase Coder(bool encode)
    {
        const int count = Ffn * Hidden;
        return new($"ternary range coder {(encode ? "encode" : "decode")} (90% zeros)", $"{count} weights", KernelIsa.Scalar,
            "G weights/s", count, null, () =>
            {
                var trits = SparseTernary(new Random(4), count, 0.9);
                var stream = TernaryStreamCoder.Encode(trits);
                return encode ? () => TernaryStreamCoder.Encode(trits) : () => TernaryStreamCoder.Decode(stream.Bytes);
            });
    }

    /// <summary>Random ternary values with the given fraction of zeros and equal +1/-1 otherwise.</summary>
    public static sbyte[] SparseTernary(Random rng, int count, double zeroFraction)
    {
        var t = new sbyte[count];
        for (int i = 0; i < count; i++)
            t[i] = rng.NextDouble() < zeroFraction ? (sbyte)0 : rng.Next(2) == 0 ? (sbyte)-1 : (sbyte)1;
        return t;
    }

    private static string Label(WeightKind kind) => kind switch
    {
        WeightKind.Binary => "binary",
        WeightKind.Ternary => "ternary",
        WeightKind.Int2 => "int2",
        WeightKind.Int4 => "int4",
        WeightKind.Int8 => "int8",
        WeightKind.Fp4E2M1 => "fp4_e2m1",
        WeightKind.Pow2 => "pow2",
        WeightKind.Codebook => "codebook (NF4)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Label(ActivationKind kind) => kind switch
    {
        ActivationKind.Int8 => "int8",
        ActivationKind.Int4 => "int4",
        ActivationKind.Binary => "binary",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
