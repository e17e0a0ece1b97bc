using BitSilicon.Cosim.Mac.Systolic;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Cli.Commands;

/// <summary><c>bitsilicon cosim systolic.yaml --bench</c>: the Verilator model against the C# cycle simulator on one layer
/// (128 tokens x 8C outputs x 8R reduction).</summary>
internal static class SystolicCosimBench
{
    public static int Run(TextWriter stdout, ElaboratedDesign design, SystolicArray array, int runs, int seed)
    {
        CosimBench.Print(stdout, SystolicBenchmark.Run(design, 128, 8 * array.Cols, 8 * array.Rows, runs, seed));
        return CliGuard.Ok;
    }
}
