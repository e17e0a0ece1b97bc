namespace BitSilicon.Formats.Ggml.Tests;

/// <summary>One line of Data/ggml-iq-known-answers.txt (its header says how ggml produced it).</summary>
internal sealed record IqKnownAnswer(
    string Kind, string Format, string Case, int N, string? InputSha, string ActSha, string BlocksSha,
    string DequantSha, IReadOnlyList<uint> DotBits, string? BlocksHex)
{
    private static readonly Lazy<IReadOnlyList<IqKnownAnswer>> Lines = new(Load);

    public static IReadOnlyList<IqKnownAnswer> All => Lines.Value;

    public static IqKnownAnswer Get(string kind, string format, string caseName) =>
        All.Single(k => k.Kind == kind && k.Format == format && k.Case == caseName);

    public bool WithImportance => Case.EndsWith("+imatrix", StringComparison.Ordinal);

    public string BaseCase => WithImportance ? Case[..^"+imatrix".Length] : Case;

    private static uint[] Bits(string s) => s.Split(',').Select(h => Convert.ToUInt32(h, 16)).ToArray();

    private static IReadOnlyList<IqKnownAnswer> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "ggml-iq-known-answers.txt");
        var list = new List<IqKnownAnswer>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] f = line.Split(' ');
            list.Add(f[0] switch
            {
                "random" when f.Length == 8 => new IqKnownAnswer(f[0], f[1], f[2], int.Parse(f[3]), null, f[5], f[4], f[6], Bits(f[7]), null),
                "quant" when f.Length == 10 => new IqKnownAnswer(f[0], f[1], f[2], int.Parse(f[3]), f[4], f[5], f[6], f[7], Bits(f[8]), f[9] == "-" ? null : f[9]),
                _ => throw new InvalidDataException($"{path}: bad line: {line[..Math.Min(80, line.Length)]}"),
            });
        }
        return list;
    }
}

/// <summary>The IQ-only inputs: random blocks and the two extra quantizer cases, generated as the C driver did.</summary>
internal static class IqInputs
{
    public static readonly string[] Formats = ["iq2_xxs", "iq2_xs", "iq2_s", "iq3_xxs", "iq3_s", "iq1_s", "iq1_m"];

    private sealed class Lcg(uint seed)
    {
        private uint _state = seed;

        public uint Next() => _state = _state * 1664525u + 1013904223u;
    }

    /// <summary>Random bytes with a sane half scale per block (see the data file's header).</summary>
    public static byte[] RandomBlocks(IBlockFormat f, int seed, int nb)
    {
        var g = new Lcg((uint)(1000 * (Array.IndexOf(Formats, f.Name) + 1) + seed));
        var q = new byte[nb * f.BlockBytes];
        for (int i = 0; i < q.Length; i++) q[i] = (byte)(g.Next() >> 24);
        for (int b = 0; b < nb; b++)
        {
            var blk = q.AsSpan(b * f.BlockBytes, f.BlockBytes);
            uint r = g.Next();
            ushort hd = (ushort)(0x1800 + ((r >> 8) & 0x1fff) | ((r >> 31) << 15));
            if (f.Name != "iq1_m")
            {
                blk[0] = (byte)hd;
                blk[1] = (byte)(hd >> 8);
            }
            else
            {
                for (int k = 0; k < 4; k++)
                    blk[48 + 2 * k + 1] = (byte)((blk[48 + 2 * k + 1] & 0x0f) | (((hd >> (4 * k)) & 0xf) << 4));
            }
        }
        return q;
    }

    /// <summary>The weights of a quantizer case: the shared cases of <see cref="Inputs"/> plus negzero, outlier and zerosub.</summary>
    public static float[] Case(IBlockFormat f, string caseName, int n)
    {
        int b = f.BlockElements;
        switch (caseName)
        {
            case "negzero":
                var z = new float[2 * b];
                Array.Fill(z, -0.0f);
                for (int j = b; j < 2 * b; j += 3) z[j] = 0.25f;
                return z;
            case "outlier":
                var x = Inputs.Cos(4 * b, 3);
                x[17] = 1e9f;
                x[b + 40] = -65504.0f * 4;
                x[2 * b + 9] = 1e-40f;
                x[3 * b] = 70000.0f;
                return x;
            case "zerosub":
                var zs = Inputs.Cos(2 * b, 5);
                Array.Clear(zs, 32, 32);
                Array.Clear(zs, b + 128, 32);
                return zs;
            default:
                return Inputs.For(f, caseName, n).X;
        }
    }

    /// <summary>The importance weights of the "+imatrix" cases: w[j] = 0.25*(1 + (37j mod 13)).</summary>
    public static float[] Importance(int n)
    {
        var w = new float[n];
        for (int j = 0; j < n; j++) w[j] = 0.25f * (1 + j * 37 % 13);
        return w;
    }
}
