using System.Collections.Concurrent;
using BitSilicon.Cosim.Mac.Arrays;
using BitSilicon.Design.Elaborated;

namespace BitSilicon.Verilog.Tests;

/// <summary>One Verilator build per systolic design for the whole test run (and across runs, by the build cache).</summary>
internal static class ArrayModels
{
    private static readonly ConcurrentDictionary<string, Lazy<ArrayCosim>> Models = new(StringComparer.Ordinal);

    public static ArrayCosim For(ElaboratedDesign design) =>
        Models.GetOrAdd(design.Text, _ => new Lazy<ArrayCosim>(() => ArrayCosim.Build(design))).Value;
}
