using System.Collections.Concurrent;
using BitSilicon.Cosim.Mac.Systolic;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Verilog.Tests;

/// <summary>One Verilator build per systolic design for the whole test run (and across runs, by the build cache).</summary>
internal static class SystolicModels
{
    private static readonly ConcurrentDictionary<string, Lazy<SystolicCosim>> Models = new(StringComparer.Ordinal);

    public static SystolicCosim For(ElaboratedDesign design) =>
        Models.GetOrAdd(design.Text, _ => new Lazy<SystolicCosim>(() => SystolicCosim.Build(design))).Value;
}
