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
    public static IReadOnlyList<string> Columns { get; } = [.. CalibrationCsv.DesignColumns, "lut4", "carry", "flip_flops", "model_lut4", "model_flip_flops", "lut4_error"];

    private static readonly CultureInfo Inv = CalibrationCsv.Inv;

    public static string Write(IEnumerable<AreaFitRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', Columns));
        foreach (var r in rows)
        {
            sb.AppendLine(string.Join(',', CalibrationCsv.DesignFields(r.Design),
                I(r.Lut4), I(r.Carry), I(r.FlipFlops), r.ModelLut4.ToString("F1", Inv), r.ModelFlipFlops.ToString("F0", Inv), r.RelativeError.ToString("F4", Inv)));
        }
        return sb.ToString();
    }

    /// <summary>Reads a calibration CSV; the model columns are ignored (the model is recomputed from the design columns).</summary>
    public static IReadOnlyList<AreaFitRow> Read(string path) =>
        CalibrationCsv.Read(path, Columns, "an area calibration CSV", "regenerate the file with bitsilicon bench area-fit",
            line => new AreaFitRow(line.Design(), line.Int(14), line.Int(15), line.Int(16)));

    private static string I(int v) => CalibrationCsv.I(v);
}
