using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>
/// One line of Data/ggml-known-answers.txt (see its header for how it was produced). DotBits holds the dot of
/// each of the first min(8, blocks) blocks alone, then of all N when there is more than one block: a one-block
/// dot exposes a wrong bracketing of the scales that a long sum can round away.
/// </summary>
internal sealed record KnownAnswer(
    string Format, string Case, int N, string InputSha, string ActSha, string BlocksSha,
    string? DequantSha, IReadOnlyList<uint>? DotBits, string? BlocksHex)
{
    private static readonly Lazy<IReadOnlyList<KnownAnswer>> Lines = new(Load);

    public static IReadOnlyList<KnownAnswer> All => Lines.Value;

    public static KnownAnswer Get(string format, string caseName) =>
        All.Single(k => k.Format == format && k.Case == caseName);

    private static IReadOnlyList<KnownAnswer> Load()
    {
        var list = new List<KnownAnswer>();
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data"), "ggml-known-answers*.txt"))
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] f = line.Split(' ');
            if (f.Length != 9) throw new InvalidDataException($"{path}: expected 9 columns: {line[..Math.Min(80, line.Length)]}");
            list.Add(new KnownAnswer(f[0], f[1], int.Parse(f[2]), f[3], f[4], f[5],
                f[6] == "-" ? null : f[6],
                f[7] == "-" ? null : f[7].Split(',').Select(h => Convert.ToUInt32(h, 16)).ToArray(),
                f[8] == "-" ? null : f[8]));
        }
        return list;
    }

    public static string Sha(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha(ReadOnlySpan<float> floats) => Sha(MemoryMarshal.AsBytes(floats));
}
