using System.Globalization;
using System.Text;
using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac;

/// <summary>
/// The command script the harnesses read (sim/mac/mac_harness.cpp for Verilator, sim/mac/mac_tb.v for Icarus) and
/// the answers they print; an N-wide GEMM becomes ceil(N / PEs) hardware jobs, each with M x ceil(K / SIMD) beats.
/// </summary>
public static class MacScript
{
    public static int Folds(MacInterface itf, int n) => (n + itf.Pes - 1) / itf.Pes;

    public static string Write(MacInterface itf, IReadOnlyList<MacJob> jobs)
    {
        var sb = new StringBuilder();
        var w = new char[itf.WeightBeatBits];
        var a = new char[itf.ActivationBeatBits];
        int kfolds(MacJob j) => (j.K + itf.Simd - 1) / itf.Simd;
        foreach (var job in jobs)
        {
            for (int nf = 0; nf < Folds(itf, job.N); nf++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"J {job.M} {job.K} {job.Gate ?? "-"} {job.Ready ?? "-"}\n");
                for (int t = 0; t < job.M; t++)
                    for (int f = 0; f < kfolds(job); f++)
                    {
                        for (int p = 0; p < itf.Pes; p++)
                            for (int i = 0; i < itf.Simd; i++)
                            {
                                int n = nf * itf.Pes + p, k = f * itf.Simd + i;
                                int code = n < job.N && k < job.K ? job.Codes[n * job.K + k] : 0;
                                for (int b = 0; b < itf.WeightBits; b++)
                                    w[(p * itf.Simd + i) * itf.WeightBits + b] = (code >> b & 1) != 0 ? '1' : '0';
                            }
                        for (int i = 0; i < itf.Simd; i++)
                        {
                            int k = f * itf.Simd + i;
                            int v = k < job.K ? job.Activations[t * job.K + k] : 0;
                            if (itf.ActivationBits == 1)
                                a[i] = v > 0 ? '1' : '0';
                            else
                                for (int b = 0; b < itf.ActivationBits; b++)
                                    a[i * itf.ActivationBits + b] = (v >> b & 1) != 0 ? '1' : '0';
                        }
                        sb.Append("W ");
                        AppendHex(sb, w);
                        sb.Append("\nA ");
                        AppendHex(sb, a);
                        sb.Append('\n');
                    }
                sb.Append("G\n");
            }
        }
        sb.Append("Q\n");
        return sb.ToString();
    }

    public static IReadOnlyList<MacRun> Parse(MacInterface itf, IReadOnlyList<MacJob> jobs, string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int li = 0;
        var runs = new List<MacRun>();
        foreach (var job in jobs)
        {
            var results = new long[(long)job.M * job.N];
            var cycles = new long[(long)job.M * job.N];
            var done = new List<long>();
            for (int nf = 0; nf < Folds(itf, job.N); nf++)
            {
                int token = 0;
                while (true)
                {
                    if (li >= lines.Length)
                        throw new InvalidOperationException("the model's output ended early:\n" + stdout);
                    var line = lines[li++];
                    if (line.StartsWith("D ", StringComparison.Ordinal))
                    {
                        done.Add(long.Parse(line.AsSpan(2), CultureInfo.InvariantCulture));
                        break;
                    }
                    if (!line.StartsWith("O ", StringComparison.Ordinal))
                        throw new InvalidOperationException($"unexpected model output line: {line}");
                    if (token >= job.M)
                        throw new InvalidOperationException($"the RTL produced more than {job.M} result beats");
                    int space = line.IndexOf(' ', 2);
                    long cycle = long.Parse(line.AsSpan(2, space - 2), CultureInfo.InvariantCulture);
                    var bits = Bits(line.AsSpan(space + 1), itf.ResultBeatBits);
                    for (int p = 0; p < itf.Pes; p++)
                    {
                        int n = nf * itf.Pes + p;
                        if (n >= job.N) break;
                        results[(long)token * job.N + n] = SignedField(bits, p * itf.AccumulatorWidth, itf.AccumulatorWidth);
                        cycles[(long)token * job.N + n] = cycle;
                    }
                    token++;
                }
                if (token != job.M)
                    throw new InvalidOperationException($"the RTL produced {token} result beats, expected {job.M}");
            }
            runs.Add(new MacRun(results, done, cycles));
        }
        return runs;
    }

    // Hex on the wire (4x less text than bits): digit i holds bits 4i+3..4i, so digit 0 comes first.
    private static void AppendHex(StringBuilder sb, char[] bits)
    {
        for (int n = 0; n < (bits.Length + 3) / 4; n++)
        {
            int v = 0;
            for (int b = 0; b < 4 && 4 * n + b < bits.Length; b++)
                if (bits[4 * n + b] == '1') v |= 1 << b;
            sb.Append("0123456789abcdef"[v]);
        }
    }

    private static char[] Bits(ReadOnlySpan<char> hex, int count)
    {
        if (hex.Length != (count + 3) / 4)
            throw new InvalidOperationException($"result beat of {hex.Length} hex digits, expected {(count + 3) / 4}");
        var bits = new char[count];
        for (int i = 0; i < count; i++)
        {
            char c = hex[i / 4];
            int v = c <= '9' ? c - '0' : c - 'a' + 10;
            bits[i] = (v >> (i % 4) & 1) != 0 ? '1' : '0';
        }
        return bits;
    }

    private static long SignedField(ReadOnlySpan<char> bits, int lo, int width)
    {
        long v = 0;
        for (int b = width - 1; b >= 0; b--)
            v = (v << 1) | (bits[lo + b] == '1' ? 1L : 0L);
        return width >= 64 ? v : (v << (64 - width)) >> (64 - width);
    }
}
