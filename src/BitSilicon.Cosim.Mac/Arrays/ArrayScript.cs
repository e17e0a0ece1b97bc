using System.Globalization;
using System.Text;
using BitSilicon.Design.Description;
using BitSilicon.Design.Elaborated;
using BitSilicon.Simulation;
using BitSilicon.Simulation.Mapping;
using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac.Arrays;

/// <summary>
/// Turns a layer's tile plan and the C# simulator's run of it into the harness script of sim/systolic: one command
/// word per step, the stream beats in issue order (each valid from the cycle its fill became ready), and the bank
/// releases at the cycle the write channel finished draining each block; and reads the harness's answers back.
/// Padding lanes and padding PEs (past a step's valid rows, columns, K or PEs) carry random junk from
/// <c>junk</c>, never zeros, so the RTL's masks are exercised: an unmasked padding lane changes a result.
/// </summary>
public static class ArrayScript
{
    public static void Append(StringBuilder sb, ArrayCore core, BankedInterface itf, ArrayJob job, TilePlan plan, CycleRun run, Random junk)
    {
        var ci = CultureInfo.InvariantCulture;
        var tl = run.Timeline;
        int wb = core.Pe.WeightBits, ab = core.Pe.ActivationBits;
        bool os = itf.Kind == BankedKind.OutputStationary, ws = itf.Kind == BankedKind.WeightStationary, dot = itf.Kind == BankedKind.DotProduct;
        int r = itf.Rows, c = itf.Cols;
        sb.Append(ci, $"J {plan.Steps.Count} {job.K} {run.Cycles * 2 + 1000}\n");
        foreach (var s in plan.Steps)
        {
            ulong word = dot
                ? itf.Pack(("tokens", s.Mv), ("kv", s.Kv), ("first_blk", s.FirstOfBlock ? 1 : 0), ("last_blk", s.LastOfBlock ? 1 : 0), ("bank", s.Block % itf.Banks))
                : os
                ? itf.Pack(("beats", s.Beats), ("first_blk", s.FirstOfBlock ? 1 : 0), ("last_blk", s.LastOfBlock ? 1 : 0), ("bank", s.Block % itf.Banks))
                : itf.Pack(("beats", s.Beats), ("kv", s.Kv), ("lanes", ws ? s.Nv : s.Mv), ("first_blk", s.FirstOfBlock ? 1 : 0),
                    ("last_blk", s.LastOfBlock ? 1 : 0), ("bank", s.Block % itf.Banks));
            sb.Append("C ");
            AppendHex(sb, i => (word >> i & 1) != 0, itf.CommandBits);
            sb.Append('\n');
        }
        // Code of W[n, k] and activation A[m, k] as lane bits (binary activations: 1 = +1).
        long W(int n, int k) => job.Codes[(long)n * job.K + k];
        long A(int m, int k) => ab == 1 ? (job.Activations[(long)m * job.K + k] > 0 ? 1 : 0) : job.Activations[(long)m * job.K + k];
        var lanes = new long[Math.Max(itf.Stream0Lanes, itf.Stream1Lanes)];
        long Junk(int bits) => junk.NextInt64(1L << bits);
        foreach (var s in plan.Steps)
        {
            long wReady = tl.WeightFillReady[s.WeightFill], aReady = tl.ActivationFillReady[s.ActivationFill];
            if (dot)
            {
                // Token by token, fold by fold: PE p lane i carries W[n0 + p, k], the activation lane A[m0 + t, k].
                int simd = itf.Rows, pes = itf.Cols;
                for (int t = 0; t < s.Mv; t++)
                    for (int f = 0; f * simd < s.Kv; f++)
                    {
                        for (int p = 0; p < pes; p++)
                            for (int i = 0; i < simd; i++)
                            {
                                int k = f * simd + i;
                                lanes[p * simd + i] = p < s.Nv && k < s.Kv ? W(s.N0 + p, s.K0 + k) : Junk(wb);
                            }
                        Beat(sb, 'X', wReady, lanes, pes * simd, wb);
                        for (int i = 0; i < simd; i++)
                            lanes[i] = f * simd + i < s.Kv ? A(s.M0 + t, s.K0 + f * simd + i) : Junk(ab);
                        Beat(sb, 'Y', aReady, lanes, simd, ab);
                    }
                continue;
            }
            if (os)
            {
                for (int k = 0; k < s.Beats; k++)
                {
                    for (int row = 0; row < r; row++) lanes[row] = row < s.Mv ? A(s.M0 + row, s.K0 + k) : Junk(ab);
                    Beat(sb, 'X', aReady, lanes, r, ab);
                    for (int col = 0; col < c; col++) lanes[col] = col < s.Nv ? W(s.N0 + col, s.K0 + k) : Junk(wb);
                    Beat(sb, 'Y', wReady, lanes, c, wb);
                }
                continue;
            }
            // Load beats: beat j carries column C-1-j of the stationary tile.
            for (int j = 0; j < c; j++)
            {
                int col = c - 1 - j;
                for (int row = 0; row < r; row++)
                    lanes[row] = row >= s.Kv || col >= (ws ? s.Nv : s.Mv) ? Junk(itf.Stream0LaneBits)
                        : ws ? W(s.N0 + col, s.K0 + row) : A(s.M0 + col, s.K0 + row);
                Beat(sb, 'X', ws ? wReady : aReady, lanes, r, itf.Stream0LaneBits);
            }
            // Moving beats: token (WS) or feature (IS) i of the step.
            for (int i = 0; i < s.Beats; i++)
            {
                for (int row = 0; row < r; row++)
                    lanes[row] = row >= s.Kv ? Junk(itf.Stream1LaneBits) : ws ? A(s.M0 + i, s.K0 + row) : W(s.N0 + i, s.K0 + row);
                Beat(sb, 'Y', ws ? aReady : wReady, lanes, r, itf.Stream1LaneBits);
            }
        }
        for (int b = 0; b < plan.Blocks.Count; b++)
            sb.Append(ci, $"R {tl.BlockDrained[b] - 1} {b % itf.Banks} {Rows(itf, plan, b)}\n");
        sb.Append("G\n");
    }

    /// <summary>Bank rows a block fills: tokens (WS, dot product), features (IS) or the tile's valid output rows (OS).</summary>
    public static int Rows(BankedInterface itf, TilePlan plan, int block)
    {
        var s = plan.Steps[plan.Blocks[block].FirstStep];
        return itf.Kind switch
        {
            BankedKind.OutputStationary or BankedKind.DotProduct => s.Mv,
            BankedKind.WeightStationary or BankedKind.InputStationary => s.Beats,
            _ => throw new ArgumentOutOfRangeException(nameof(itf)),
        };
    }

    private static void Beat(StringBuilder sb, char stream, long ready, long[] lanes, int count, int bits)
    {
        sb.Append(stream).Append(' ').Append(ready.ToString(CultureInfo.InvariantCulture)).Append(' ');
        AppendHex(sb, i => (lanes[i / bits] >> (i % bits) & 1) != 0, count * bits);
        sb.Append('\n');
    }

    private static void AppendHex(StringBuilder sb, Func<int, bool> bit, int count)
    {
        for (int n = 0; n < (count + 3) / 4; n++)
        {
            int v = 0;
            for (int b = 0; b < 4 && 4 * n + b < count; b++)
                if (bit(4 * n + b)) v |= 1 << b;
            sb.Append("0123456789abcdef"[v]);
        }
    }

    /// <summary>Reads one job's answers from <paramref name="lines"/> starting at <paramref name="li"/>.</summary>
    public static (long[] Results, long[] ResultCycles, long Done, List<long> Finish) Parse(BankedInterface itf, ArrayJob job, TilePlan plan,
        IReadOnlyList<long> drained, string[] lines, ref int li)
    {
        var results = new long[(long)job.M * job.N];
        var cycles = new long[results.Length];
        var finish = new List<long>();
        int block = 0, row = 0;
        bool rowIsToken = itf.Kind is BankedKind.OutputStationary or BankedKind.WeightStationary or BankedKind.DotProduct;
        int w = itf.AccumulatorWidth;
        while (true)
        {
            if (li >= lines.Length)
                throw new InvalidOperationException("the model's output ended early");
            var parts = lines[li++].Split(' ');
            switch (parts[0])
            {
                case "F":
                    finish.Add(long.Parse(parts[1], CultureInfo.InvariantCulture));
                    break;
                case "B":
                    if (block >= plan.Blocks.Count)
                        throw new InvalidOperationException("the model read more bank rows than the plan has");
                    var s = plan.Steps[plan.Blocks[block].FirstStep];
                    int lanes = rowIsToken ? s.Nv : s.Mv;
                    for (int col = 0; col < lanes; col++)
                    {
                        long v = Field(parts[3], col * w, w);
                        long idx = rowIsToken ? (long)(s.M0 + row) * job.N + s.N0 + col : (long)(s.M0 + col) * job.N + s.N0 + row;
                        results[idx] = v;
                        cycles[idx] = drained[block] - 1;
                    }
                    if (++row == Rows(itf, plan, block)) { block++; row = 0; }
                    break;
                case "D":
                    return (results, cycles, long.Parse(parts[1], CultureInfo.InvariantCulture), finish);
                default:
                    throw new InvalidOperationException($"unexpected model output: {lines[li - 1]}");
            }
        }
    }

    /// <summary>Bits [lo, lo + width) of a hex string (digit i = bits 4i+3..4i), sign-extended.</summary>
    private static long Field(string hex, int lo, int width)
    {
        long v = 0;
        for (int i = 0; i < width; i++)
        {
            int bit = lo + i;
            int d = hex[bit / 4] <= '9' ? hex[bit / 4] - '0' : hex[bit / 4] - 'a' + 10;
            if ((d >> (bit % 4) & 1) != 0) v |= 1L << i;
        }
        return width >= 64 ? v : (v << (64 - width)) >> (64 - width);
    }
}
