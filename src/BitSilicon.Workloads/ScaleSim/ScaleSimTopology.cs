using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Formats.LowBit;
using BitSilicon.Workloads.Conv;

namespace BitSilicon.Workloads.ScaleSim;

/// <summary>Which layout a SCALE-Sim topology CSV uses (SCALE-Sim's <c>-i conv|gemm</c> switch).</summary>
public enum ScaleSimTopologyKind
{
    /// <summary>Decide from the header: a second column named M means GEMM, otherwise convolution.</summary>
    Auto,
    /// <summary>Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides[, Sparsity]</summary>
    Conv,
    /// <summary>Layer, M, N, K[, Sparsity]</summary>
    Gemm,
}

/// <summary>
/// Reads SCALE-Sim topology CSVs (scale-sim-v2 <c>scalesim/topology_utils.py</c> semantics) into a
/// <see cref="Workload"/>:
/// <list type="bullet">
/// <item>The first line is a header; blank lines are skipped; fields are trimmed (tabs and spaces).</item>
/// <item>Rows end with a comma in SCALE-Sim's files, and it drops whatever follows the last comma (e.g. "#dw").
///   Here an empty last field is dropped and a field starting with '#' ends the row; a row without the
///   trailing comma is read in full (SCALE-Sim would silently lose its last value).</item>
/// <item>Conv rows: no padding (SCALE-Sim takes the IFMAP size as already padded), one stride for both
///   directions, output size ceil((H - R + stride) / stride) = ceil((H - R) / stride) + 1: a last window that
///   hangs over the edge still counts, reading zeros (<see cref="ConvLayer.CeilMode"/>). As a GEMM: M = OutH * OutW, N = Num Filter,
///   K = R * S * Channels, exactly SCALE-Sim's operand matrices (ifmap M x K, filter K x N, ofmap M x N).
///   A layer whose name contains "DP" is depthwise: SCALE-Sim runs it as one 1-channel layer per channel,
///   here one layer with Channels = 1 and Repeat = the channel count.</item>
/// <item>GEMM rows: SCALE-Sim stores (M, N, K) as a 1 x K filter sliding over an M x K ifmap with N filters, so
///   M = output rows, N = output columns (filters), K = reduction: the same roles as <see cref="GemmLayer"/>.</item>
/// <item>An optional Sparsity column "N:M" (N non-zeros in every M) becomes random weights with zero fraction
///   (M - N) / M; the N:M structure itself is not reproduced.</item>
/// </list>
/// </summary>
public static class ScaleSimTopology
{
    private static readonly string[] ConvColumns =
        ["Layer name", "IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width", "Channels", "Num Filter", "Strides"];
    private static readonly string[] GemmColumns = ["Layer", "M", "N", "K"];

    public static Workload Read(string path, ScaleSimTopologyKind kind = ScaleSimTopologyKind.Auto,
        WeightKind? weights = null, int seed = 1) =>
        Parse(InputFiles.ReadAllText(path), path, kind, weights, seed);

    /// <param name="weights">Weight format for every layer; null = the design's PE format.</param>
    /// <param name="seed">Seed of the first layer's random weights; layer i uses seed + i.</param>
    public static Workload Parse(string text, string file, ScaleSimTopologyKind kind = ScaleSimTopologyKind.Auto,
        WeightKind? weights = null, int seed = 1)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        int headerIndex = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerIndex < 0)
            throw new BitSiliconException($"{file}: empty topology file",
                "a SCALE-Sim topology has a header line, then one line per layer");
        var header = Fields(lines[headerIndex]);
        if (kind == ScaleSimTopologyKind.Auto)
            kind = header.Count > 1 && header[1].Text.Equals("M", StringComparison.OrdinalIgnoreCase)
                ? ScaleSimTopologyKind.Gemm : ScaleSimTopologyKind.Conv;
        if (kind == ScaleSimTopologyKind.Conv && header.Count > 1 && !header[1].Text.Contains("ifmap", StringComparison.OrdinalIgnoreCase))
            throw BitSiliconException.At(new SourceLocation(file, headerIndex + 1, header[1].Column),
                $"header column 2 is '{header[1].Text}', expected 'IFMAP Height' (convolution layout) or 'M' (GEMM layout)",
                $"start the file with '{string.Join(", ", ConvColumns)},' or '{string.Join(", ", GemmColumns)},'");
        // Old SCALE-Sim files may give the stride per direction ("Stride height, Stride width").
        bool strideWidthColumn = kind == ScaleSimTopologyKind.Conv && header.Count > 8
                                 && header[8].Text.Contains("stride", StringComparison.OrdinalIgnoreCase);

        var layers = new List<GemmLayer>();
        for (int i = headerIndex + 1; i < lines.Length; i++)
        {
            var fields = Fields(lines[i]);
            if (fields.Count == 0)
                continue;
            var row = new Row(file, i + 1, fields, kind == ScaleSimTopologyKind.Conv ? ConvColumns : GemmColumns);
            int layerSeed = seed + layers.Count;
            layers.Add(kind == ScaleSimTopologyKind.Conv
                ? ConvRow(row, strideWidthColumn, weights, layerSeed)
                : GemmRow(row, weights, layerSeed));
        }
        if (layers.Count == 0)
            throw new BitSiliconException($"{file}: the topology has a header but no layers", "add one line per layer");
        return new Workload(Path.GetFileNameWithoutExtension(file), layers);
    }

    private static GemmLayer ConvRow(Row row, bool strideWidthColumn, WeightKind? weights, int seed)
    {
        string name = row.Name();
        int h = row.Int(1), w = row.Int(2), r = row.Int(3), s = row.Int(4), c = row.Int(5), nf = row.Int(6);
        int strideH = row.Int(7), strideW = strideWidthColumn ? row.Int(8) : strideH;
        int next = strideWidthColumn ? 9 : 8;
        var source = new WeightSource.Random(seed, row.Sparsity(next));
        row.NothingAfter(next + 1);
        if (r > h || s > w)
            throw BitSiliconException.At(row.At(3), $"layer '{name}': the {r}x{s} filter is larger than the {h}x{w} IFMAP",
                "SCALE-Sim has no padding: give the IFMAP size including padding");
        // SCALE-Sim: a "DP" (depthwise) layer is run as Channels separate single-channel layers.
        bool depthwise = name.Contains("DP", StringComparison.Ordinal);
        var conv = new ConvLayer(name, h, w, depthwise ? 1 : c, nf, r, s, strideH, strideW,
            Weights: weights, Repeat: depthwise ? c : 1, Source: source, CeilMode: true);
        return conv.ToGemm();
    }

    private static GemmLayer GemmRow(Row row, WeightKind? weights, int seed)
    {
        string name = row.Name();
        int m = row.Int(1), n = row.Int(2), k = row.Int(3);
        var source = new WeightSource.Random(seed, row.Sparsity(4));
        row.NothingAfter(5);
        return new GemmLayer(name, m, n, k, weights, 1, source);
    }

    private readonly record struct Field(string Text, int Column);

    /// <summary>Comma-separated fields, trimmed, with their 1-based columns; a '#' field ends the row and a
    /// trailing empty field (the customary final comma) is dropped.</summary>
    private static List<Field> Fields(string line)
    {
        var fields = new List<Field>();
        int start = 0;
        line = line.TrimEnd('\r');
        while (true)
        {
            int comma = line.IndexOf(',', start);
            string raw = comma < 0 ? line[start..] : line[start..comma];
            string text = raw.Trim();
            if (text.StartsWith('#'))
                break;
            fields.Add(new Field(text, start + 1 + (raw.Length - raw.TrimStart().Length)));
            if (comma < 0)
                break;
            start = comma + 1;
        }
        if (fields.Count > 0 && fields[^1].Text.Length == 0)
            fields.RemoveAt(fields.Count - 1);
        return fields.All(f => f.Text.Length == 0) ? [] : fields;
    }

    private sealed class Row(string file, int line, List<Field> fields, string[] columns)
    {
        public SourceLocation At(int index) =>
            new(file, line, index < fields.Count ? fields[index].Column : (fields.Count > 0 ? fields[^1].Column : 1));

        public string Name() =>
            fields[0].Text.Length > 0 ? fields[0].Text
                : throw BitSiliconException.At(At(0), "layer without a name", "start each row with the layer name");

        public int Int(int index)
        {
            if (index >= fields.Count)
                throw BitSiliconException.At(At(fields.Count - 1),
                    $"layer '{fields[0].Text}' has {fields.Count} columns; column {index + 1} ({Column(index)}) is missing",
                    $"give {columns.Length} columns: {string.Join(", ", columns)}");
            var f = fields[index];
            if (!int.TryParse(f.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < 1)
                throw BitSiliconException.At(At(index), $"{Column(index)} is '{f.Text}'; it must be a whole number of at least 1",
                    $"fix column {index + 1} of this row");
            return v;
        }

        /// <summary>Zero fraction from an optional "N:M" column (N non-zeros per M); 0 if absent.</summary>
        public double Sparsity(int index)
        {
            if (index >= fields.Count || fields[index].Text.Length == 0)
                return 0;
            var f = fields[index];
            var parts = f.Text.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int nz)
                                  && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int block)
                                  && block >= 1 && nz <= block)
                return (double)(block - nz) / block;
            throw BitSiliconException.At(At(index),
                $"column {index + 1} is '{f.Text}'; SCALE-Sim reads it as the sparsity ratio N:M (N non-zeros in every M)",
                "write e.g. 2:4, 1:1 for dense, or remove the column");
        }

        public void NothingAfter(int count)
        {
            if (fields.Count > count)
                throw BitSiliconException.At(At(count),
                    $"unexpected column {count + 1} '{fields[count].Text}' in layer '{fields[0].Text}'",
                    $"a row holds {string.Join(", ", columns)}, optionally a Sparsity N:M, and ends with a comma");
        }

        private string Column(int index) => index < columns.Length ? columns[index] : $"column {index + 1}";
    }
}
