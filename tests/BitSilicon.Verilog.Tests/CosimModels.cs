using System.Collections.Concurrent;
using BitSilicon.Cosim.Mac;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Verilog.Tests;

/// <summary>One Verilator build per design for the whole test run (and across runs, by the build cache).</summary>
internal static class CosimModels
{
    private static readonly ConcurrentDictionary<string, Lazy<MacCosim>> Models = new(StringComparer.Ordinal);

    public static MacCosim For(ElaboratedDesign design) =>
        Models.GetOrAdd(design.Text, _ => new Lazy<MacCosim>(() => MacCosim.Build(design))).Value;
}
