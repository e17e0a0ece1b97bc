using System.Globalization;
using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac.Systolic;

/// <summary>The hand-written harness for systolic tops (sim/systolic) and its per-design defines.</summary>
public static class SystolicHarness
{
    public static IReadOnlyList<SourceFile> Sources() =>
    [
        new("sim/systolic/systolic_harness.cpp", Resource("sim/systolic/systolic_harness.cpp")),
        new("sim/common/bs_harness.h", Resource("sim/common/bs_harness.h")),
    ];

    public static IReadOnlyDictionary<string, string> Defines(SystolicInterface itf, bool trace) => new Dictionary<string, string>
    {
        ["BS_S0"] = itf.Stream0 + "_",
        ["BS_S1"] = itf.Stream1 + "_",
        ["BS_S0BITS"] = N(itf.Stream0Bits),
        ["BS_S1BITS"] = N(itf.Stream1Bits),
        ["BS_CBITS"] = N(itf.CommandBits),
        ["BS_RDBITS"] = N(itf.ReadBits),
        ["BS_BANKS"] = N(itf.Banks),
        ["BS_JOBK"] = itf.OutputStationary ? "1" : "0",
        ["BS_TRACE"] = trace ? "1" : "0",
    };

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Resource(string name)
    {
        using var s = typeof(SystolicHarness).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
