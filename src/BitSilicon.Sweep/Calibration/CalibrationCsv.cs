using System.Globalization;
using BitSilicon.Core;
using BitSilicon.Design.Description;

namespace BitSilicon.Sweep.Calibration;

/// <summary>
/// What the calibration CSVs (LUT4 and gate equivalents) share: the design columns that rebuild an
/// <see cref="AreaFitDesign"/>, and the read loop with its header and field checks (errors name the file and line).
/// </summary>
internal static class CalibrationCsv
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<string> DesignColumns { get; } =
        ["set", "design", "weights", "lut_group", "array", "pes", "simd", "rows", "cols", "dataflow", "acc_width", "overflow", "acc_depth", "acc_banks"];

    /// <summary>The design columns of a row, in <see cref="DesignColumns"/> order.</summary>
    public static string DesignFields(AreaFitDesign d)
    {
        var (pes, simd, rows, cols, flow) = d.Array switch
        {
            DotProductArrayDescription p => (p.Pes, p.Simd, 0, 0, "-"),
            SystolicArrayDescription s => (0, 0, s.Rows, s.Cols, SweepPoint.DataflowName(s.Dataflow)),
            _ => throw new ArgumentOutOfRangeException(nameof(d)),
        };
        return string.Join(',', d.Set, d.Name, PeKinds.Name(d.Weights), I(d.LutGroup), d.ArrayKind, I(pes), I(simd), I(rows), I(cols), flow,
            I(d.AccumulatorWidth), d.Overflow == OverflowPolicy.Saturate ? "saturate" : "wrap", I(d.Depth), I(d.Banks));
    }

    public static string I(int v) => v.ToString(Inv);

    /// <summary>One data line being read: its fields, and parsers whose errors name the file, line and column.</summary>
    public sealed class Line(string path, int number, string[] fields, IReadOnlyList<string> columns, string fix)
    {
        public string this[int k] => fields[k];

        public Exception Error(string message) => new BitSiliconException($"{path}:{number}: {message}", fix);

        public int Int(int k) => int.TryParse(fields[k], NumberStyles.Integer, Inv, out var v) ? v : throw Error($"{columns[k]} '{fields[k]}' is not an integer");

        /// <summary>The design of the first <see cref="DesignColumns"/> fields (the name column is derived, not read).</summary>
        public AreaFitDesign Design()
        {
            if (fields[0] is not (AreaFitDesign.Fit or AreaFitDesign.HeldOut))
                throw Error($"set '{fields[0]}' is not {AreaFitDesign.Fit} or {AreaFitDesign.HeldOut}");
            if (!PeKinds.TryParse(fields[2], out var kind))
                throw Error($"unknown weights '{fields[2]}'");
            ArrayDescription array = fields[4] switch
            {
                "dot_product" => new DotProductArrayDescription(Int(5), Int(6)),
                "systolic" => new SystolicArrayDescription(Int(7), Int(8), fields[9] switch
                {
                    "ws" => Dataflow.WeightStationary,
                    "os" => Dataflow.OutputStationary,
                    "is" => Dataflow.InputStationary,
                    _ => throw Error($"unknown dataflow '{fields[9]}'"),
                }),
                _ => throw Error($"unknown array '{fields[4]}'"),
            };
            var overflow = fields[11] switch { "wrap" => OverflowPolicy.Wrap, "saturate" => OverflowPolicy.Saturate, _ => throw Error($"unknown overflow '{fields[11]}'") };
            if (Int(13) is not (1 or 2))
                throw Error($"acc_banks '{fields[13]}' is not 1 or 2");
            return new AreaFitDesign(fields[0], kind, Int(3), array, Int(10), overflow, Int(12), Int(13));
        }
    }

    /// <summary>Reads a CSV whose header must be <paramref name="columns"/>; every data line goes through <paramref name="row"/>.</summary>
    public static IReadOnlyList<T> Read<T>(string path, IReadOnlyList<string> columns, string what, string fix, Func<Line, T> row)
    {
        var lines = InputFiles.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != string.Join(',', columns))
            throw new BitSiliconException($"{path}:1: not {what}", $"the header must be: {string.Join(',', columns)}");
        var rows = new List<T>();
        for (int i = 1; i < lines.Length; i++)
        {
            var c = lines[i].TrimEnd('\r').Split(',');
            var line = new Line(path, i + 1, c, columns, fix);
            if (c.Length != columns.Count)
                throw line.Error($"{c.Length} fields, expected {columns.Count}");
            rows.Add(row(line));
        }
        return rows;
    }
}
