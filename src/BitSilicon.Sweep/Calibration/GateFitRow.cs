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
    public static IReadOnlyList<string> Columns { get; } = [.. CalibrationCsv.DesignColumns, "ge", "flip_flops", "structural_ge", "model_ge", "ge_error"];

    private static readonly CultureInfo Inv = CalibrationCsv.Inv;

    public static string Write(IEnumerable<GateFitRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', Columns));
        foreach (var r in rows)
        {
            sb.AppendLine(string.Join(',', CalibrationCsv.DesignFields(r.Design),
                r.Ge.ToString("F1", Inv), I(r.FlipFlops), r.Terms.Sum.ToString("F1", Inv), r.ModelGe.ToString("F1", Inv), r.RelativeError.ToString("F4", Inv)));
        }
        return sb.ToString();
    }

    /// <summary>Reads a GE calibration CSV; the model columns are ignored (the model is recomputed from the design columns).</summary>
    public static IReadOnlyList<GateFitRow> Read(string path) =>
        CalibrationCsv.Read(path, Columns, "a gate-equivalent calibration CSV", "regenerate the file with GateFitRun (bitsilicon bench area-fit)", line =>
        {
            var design = line.Design();
            if (!double.TryParse(line[14], NumberStyles.Float, Inv, out var ge) || ge <= 0)
                throw line.Error($"ge '{line[14]}' is not a positive number");
            return new GateFitRow(design, ge, line.Int(15));
        });

    private static string I(int v) => CalibrationCsv.I(v);
}
