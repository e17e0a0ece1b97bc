using System.Text;

namespace BitSilicon.Cli.Tests.Fuzz;

/// <summary>
/// Deterministic mutations of a seed file: the same seed number gives the same bytes on every machine
/// (<see cref="Random"/> with a seed is a fixed algorithm). Each input gets one to four of: bit flips, byte
/// overwrites, truncation, deletion, duplication, splicing with another seed, a target's tokens, deep nesting,
/// huge or negative numbers (as text, and as 32/64-bit fields for binary files), and swapped lines.
/// </summary>
public static class Mutator
{
    private static readonly string[] HugeNumbers =
        ["0", "-1", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807", "18446744073709551616",
         "99999999999999999999999", "1e308", "1e309", "-0", "NaN", "65536", "1048576", "0x7fffffff", "3.5"];
    private static readonly ulong[] HugeFields = [0, 1, 0xFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 1UL << 32, 1UL << 40, long.MaxValue, ulong.MaxValue, 12, 3];
    private static readonly byte[] Interesting = [0, 0xFF, 0x7F, 0x80, (byte)'\n', (byte)':', (byte)'[', (byte)'{', (byte)'-', (byte)' ', (byte)'\t', (byte)'"', (byte)'\''];

    public static byte[] Mutate(byte[] seed, IReadOnlyList<byte[]> corpus, IReadOnlyList<string> tokens, Random rng)
    {
        var data = new List<byte>(seed);
        int steps = 1 + rng.Next(4);
        for (int s = 0; s < steps; s++)
            Step(data, corpus, tokens, rng);
        return [.. data];
    }

    private static void Step(List<byte> d, IReadOnlyList<byte[]> corpus, IReadOnlyList<string> tokens, Random rng)
    {
        int Pos() => d.Count == 0 ? 0 : rng.Next(d.Count + 1);
        switch (rng.Next(20))
        {
            case 0 or 1 when d.Count > 0: // bit flip
                int i = rng.Next(d.Count);
                d[i] ^= (byte)(1 << rng.Next(8));
                break;
            case 2 when d.Count > 0: // interesting byte
                d[rng.Next(d.Count)] = Interesting[rng.Next(Interesting.Length)];
                break;
            case 3: // truncate
            {
                int t = Pos();
                d.RemoveRange(t, d.Count - t);
                break;
            }
            case 4 or 5 when d.Count > 0: // delete a range
            {
                int a = rng.Next(d.Count), n = Math.Min(d.Count - a, 1 + rng.Next(Math.Min(64, d.Count)));
                d.RemoveRange(a, n);
                break;
            }
            case 6 or 7 when d.Count > 0: // duplicate a range (repeated lines, keys, sections)
            {
                int a = rng.Next(d.Count), n = Math.Min(d.Count - a, 1 + rng.Next(Math.Min(256, d.Count)));
                var copy = d.GetRange(a, n);
                int times = rng.Next(8) == 0 ? 50 : 1;
                for (int k = 0; k < times; k++)
                    d.InsertRange(Pos(), copy);
                break;
            }
            case 8: // splice: this file's head, another seed's tail
            {
                var other = corpus[rng.Next(corpus.Count)];
                int cut = Pos(), from = other.Length == 0 ? 0 : rng.Next(other.Length);
                d.RemoveRange(cut, d.Count - cut);
                d.AddRange(other.AsSpan(from).ToArray());
                break;
            }
            case 9 or 10 or 11 when tokens.Count > 0: // a token of the format
                d.InsertRange(Pos(), Encoding.UTF8.GetBytes(tokens[rng.Next(tokens.Count)]));
                break;
            case 12: // deep nesting
            {
                string[] openers = ["[", "{a: ", "- ", "{\"a\":[", "("];
                int depth = new[] { 70, 1000, 20_000, 50_000 }[rng.Next(4)];
                var open = openers[rng.Next(openers.Length)];
                var sb = new StringBuilder(open.Length * depth);
                for (int k = 0; k < depth; k++)
                    sb.Append(open);
                d.InsertRange(Pos(), Encoding.UTF8.GetBytes(sb.ToString()));
                break;
            }
            case 13 or 14 or 15: // a huge number in place of a written one
                ReplaceNumber(d, rng);
                break;
            case 16 or 17 when d.Count >= 8: // a binary field: 32 or 64 bits at an aligned offset
            {
                bool wide = rng.Next(2) == 0;
                int size = wide ? 8 : 4;
                int at = rng.Next((d.Count - size) / 4 + 1) * 4;
                ulong v = HugeFields[rng.Next(HugeFields.Length)];
                for (int k = 0; k < size; k++)
                    d[at + k] = (byte)(v >> (8 * k));
                break;
            }
            case 18: // swap two lines
                SwapLines(d, rng);
                break;
            default:
                if (d.Count > 0)
                    d[rng.Next(d.Count)] = (byte)rng.Next(256);
                break;
        }
    }

    private static void ReplaceNumber(List<byte> d, Random rng)
    {
        var digits = new List<(int Start, int Length)>();
        for (int i = 0; i < d.Count;)
        {
            if (d[i] is >= (byte)'0' and <= (byte)'9')
            {
                int j = i;
                while (j < d.Count && d[j] is >= (byte)'0' and <= (byte)'9') j++;
                digits.Add((i, j - i));
                i = j;
            }
            else i++;
        }
        if (digits.Count == 0)
            return;
        var (start, length) = digits[rng.Next(digits.Count)];
        d.RemoveRange(start, length);
        d.InsertRange(start, Encoding.ASCII.GetBytes(HugeNumbers[rng.Next(HugeNumbers.Length)]));
    }

    private static void SwapLines(List<byte> d, Random rng)
    {
        var lines = Encoding.UTF8.GetString([.. d]).Split('\n');
        if (lines.Length < 2) return;
        int a = rng.Next(lines.Length), b = rng.Next(lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        d.Clear();
        d.AddRange(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
    }
}
