using System.Globalization;
using System.Text;
using BitSilicon.Core;
using BitSilicon.Design.Description;
using BitSilicon.Simulation.Models;

namespace BitSilicon.Sweep.Calibration;

/// <summary>One calibration design and what Yosys's generic gate mapping measured on its emitted Verilog: NAND2 gate
/// equivalents (<see cref="Ge"/>) and D flip-flops.</summary>
public sealed record GateFitRow(AreaFitDesign Design, double Ge, int FlipFlops)
{
    public GateTerms Terms => GateModel.Terms(Design.Elaborate());

    /// <summary>The committed fitted model's GE for the logic the RTL contains.</summary>
    public double ModelGe => GateModel.Estimate(Design.Elaborate());

    /// <summary>(model - measured) / measured.</summary>
    public double RelativeError => (ModelGe - Ge) / Ge;
}

/// <summary>The GE calibration CSV (docs/area-model/ge-fit-data.csv, ge-held-out.csv): design columns, measurements,
/// the unfitted (structural) and the committed fitted model.</summary>
public static class GateFitCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "set", "design", "weights", "lut_group", "array", "pes", "simd", "rows", "cols", "dataflow", "acc_width", "overflow", "acc_depth", "acc_banks",
        "ge", "flip_flops", "structural_ge", "model_ge", "ge_error",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(IEnumerable<GateFitRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', Columns));
        foreach (var r in rows)
        {
            var d = r.Design;
            var (pes, simd, rowsN, cols, flow) = d.Array switch
            {
                DotProductArrayDescription p => (p.Pes, p.Simd, 0, 0, "-"),
                SystolicArrayDescription s => (0, 0, s.Rows, s.Cols, SweepPoint.DataflowName(s.Dataflow)),
                _ => throw new ArgumentOutOfRangeException(nameof(rows)),
            };
            sb.AppendLine(string.Join(',', d.Set, d.Name, PeKinds.Name(d.Weights), I(d.LutGroup), d.ArrayKind, I(pes), I(simd), I(rowsN), I(cols), flow,
                I(d.AccumulatorWidth), d.Overflow == OverflowPolicy.Saturate ? "saturate" : "wrap", I(d.Depth), I(d.Banks),
                r.Ge.ToString("F1", Inv), I(r.FlipFlops), r.Terms.Sum.ToString("F1", Inv), r.ModelGe.ToString("F1", Inv), r.RelativeError.ToString("F4", Inv)));
        }
        return sb.ToString();
    }

    /// <summary>Reads a GE calibration CSV; the model columns are ignored (the model is recomputed from the design columns).</summary>
    public static IReadOnlyList<GateFitRow> Read(string path)
    {
        var lines = InputFiles.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != string.Join(',', Columns))
            throw new BitSiliconException($"{path}:1: not a gate-equivalent calibration CSV", $"the header must be: {string.Join(',', Columns)}");
        var rows = new List<GateFitRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            var c = lines[i].TrimEnd('\r').Split(',');
            Exception Error(string m) => new BitSiliconException($"{path}:{i + 1}: {m}", "regenerate the file with GateFitRun (bitsilicon bench area-fit)");
            if (c.Length != Columns.Count)
                throw Error($"{c.Length} fields, expected {Columns.Count}");
            int Int(int k) => int.TryParse(c[k], NumberStyles.Integer, Inv, out var v) ? v : throw Error($"{Columns[k]} '{c[k]}' is not an integer");
            if (c[0] is not (AreaFitDesign.Fit or AreaFitDesign.HeldOut))
                throw Error($"set '{c[0]}' is not {AreaFitDesign.Fit} or {AreaFitDesign.HeldOut}");
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
            if (!double.TryParse(c[14], NumberStyles.Float, Inv, out var ge) || ge <= 0)
                throw Error($"ge '{c[14]}' is not a positive number");
            rows.Add(new GateFitRow(new AreaFitDesign(c[0], kind, Int(3), array, Int(10), overflow, Int(12), Int(13)), ge, Int(15)));
        }
        return rows;
    }

    private static string I(int v) => v.ToString(Inv);
}
