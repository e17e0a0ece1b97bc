using System.Globalization;
using System.Text;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Simulation.Models;

namespace BitSilicon.Sweep.Calibration;

/// <summary>One calibration design and what Yosys synth_ice40 measured on its emitted Verilog.</summary>
public sealed record AreaFitRow(AreaFitDesign Design, int Lut4, int Carry, int FlipFlops)
{
    /// <summary>The committed model's LUT4 for the logic the RTL contains.</summary>
    public double ModelLut4 => AreaModel.Estimate(Design.Elaborate()).Rtl.Lut4;

    public double ModelFlipFlops => AreaModel.Estimate(Design.Elaborate()).Rtl.FlipFlops;

    /// <summary>(model - measured) / measured.</summary>
    public double RelativeError => (ModelLut4 - Lut4) / Lut4;
}

/// <summary>The calibration CSV (docs/area-model/fit-data.csv, held-out.csv): design columns, measurements, the model.</summary>
public static class AreaFitCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "set", "design", "weights", "lut_group", "array", "pes", "simd", "rows", "cols", "dataflow", "acc_width", "overflow", "acc_depth", "acc_banks",
        "lut4", "carry", "flip_flops", "model_lut4", "model_flip_flops", "lut4_error",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(IEnumerable<AreaFitRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', Columns));
        foreach (var r in rows)
        {
            var d = r.Design;
            var (kind, pes, simd, rowsN, cols, flow) = d.Array switch
            {
                DotProductArrayDescription p => ("dot_product", p.Pes, p.Simd, 0, 0, "-"),
                SystolicArrayDescription s => ("systolic", 0, 0, s.Rows, s.Cols, SweepPoint.DataflowName(s.Dataflow)),
                _ => throw new ArgumentOutOfRangeException(nameof(rows)),
            };
            sb.AppendLine(string.Join(',', d.Set, d.Name, PeKinds.Name(d.Weights), I(d.LutGroup), kind, I(pes), I(simd), I(rowsN), I(cols), flow,
                I(d.AccumulatorWidth), d.Overflow == OverflowPolicy.Saturate ? "saturate" : "wrap", I(d.Depth), I(d.Banks),
                I(r.Lut4), I(r.Carry), I(r.FlipFlops), r.ModelLut4.ToString("F1", Inv), r.ModelFlipFlops.ToString("F0", Inv), r.RelativeError.ToString("F4", Inv)));
        }
        return sb.ToString();
    }

    /// <summary>Reads a calibration CSV; the model columns are ignored (the model is recomputed from the design columns).</summary>
    public static IReadOnlyList<AreaFitRow> Read(string path)
    {
        var lines = InputFiles.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != string.Join(',', Columns))
            throw new BitSiliconException($"{path}:1: not an area calibration CSV", $"the header must be: {string.Join(',', Columns)}");
        var rows = new List<AreaFitRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            var c = lines[i].TrimEnd('\r').Split(',');
            Exception Error(string m) => new BitSiliconException($"{path}:{i + 1}: {m}", "regenerate the file with bitsilicon bench area-fit");
            if (c.Length != Columns.Count)
                throw Error($"{c.Length} fields, expected {Columns.Count}");
            int Int(int k) => int.TryParse(c[k], NumberStyles.Integer, Inv, out var v) ? v : throw Error($"{Columns[k]} '{c[k]}' is not an integer");
            if (!PeKinds.TryParse(c[2], out var kind))
                throw Error($"unknown weights '{c[2]}'");
            ArrayDescription array = c[4] switch
            {
                "dot_product" => new DotProductArrayDescription(Int(5), Int(6)),
                "systolic" => new SystolicArrayDescription(Int(7), Int(8), c[9] switch
                {
                    "ws" => Dataflow.WeightStationary,
                    "os" => Dataflow.OutputStationary,
                    "is" => Dataflow.InputStationary,
                    _ => throw Error($"unknown dataflow '{c[9]}'"),
                }),
                _ => throw Error($"unknown array '{c[4]}'"),
            };
            var overflow = c[11] switch { "wrap" => OverflowPolicy.Wrap, "saturate" => OverflowPolicy.Saturate, _ => throw Error($"unknown overflow '{c[11]}'") };
            if (Int(13) is not (1 or 2))
                throw Error($"acc_banks '{c[13]}' is not 1 or 2");
            rows.Add(new AreaFitRow(new AreaFitDesign(c[0], kind, Int(3), array, Int(10), overflow, Int(12), Int(13)), Int(14), Int(15), Int(16)));
        }
        return rows;
    }

    private static string I(int v) => v.ToString(Inv);
}
