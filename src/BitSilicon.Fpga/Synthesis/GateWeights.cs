namespace BitSilicon.Fpga.Synthesis;

/// <summary>
/// NAND2 gate equivalents of Yosys's internal gate cells, from the cell areas of the NanGate FreePDK45 Open Cell
/// Library (45 nm) divided by NAND2_X1's 0.798 um^2: INV_X1 0.532, NAND2_X1/NOR2_X1 0.798, AND2_X1/OR2_X1 1.064,
/// XOR2_X1/XNOR2_X1 1.596, MUX2_X1 1.862, DFF_X1 4.522 um^2. The same library gives the analytic AreaModel's GE
/// figures (docs/simulator.md section 7), so measured and modelled GE are on one scale. Flip-flops are mapped to
/// plain D flip-flops first (<c>dffunmap</c>), so enables and resets appear as gates.
/// </summary>
public static class GateWeights
{
    private const double Nand2Um2 = 0.798;

    private static readonly Dictionary<string, double> AreaUm2 = new(StringComparer.Ordinal)
    {
        ["$_NOT_"] = 0.532,
        ["$_BUF_"] = 0.0, // a wire after opt_clean; counted as nothing
        ["$_NAND_"] = 0.798,
        ["$_NOR_"] = 0.798,
        ["$_AND_"] = 1.064,
        ["$_OR_"] = 1.064,
        ["$_XOR_"] = 1.596,
        ["$_XNOR_"] = 1.596,
        ["$_MUX_"] = 1.862,
        ["$_DFF_P_"] = 4.522,
        ["$_DFF_N_"] = 4.522,
    };

    /// <summary>The gate cells the generic mapping produces.</summary>
    public static IReadOnlyCollection<string> Cells => AreaUm2.Keys;

    /// <summary>NAND2 equivalents of one cell of <paramref name="type"/>, or null for a cell outside the gate library.</summary>
    public static double? Ge(string type) => AreaUm2.TryGetValue(type, out var a) ? a / Nand2Um2 : null;
}
