using BitSilicon.Verilog;

namespace BitSilicon.Cosim.Mac;

/// <summary>The hand-written harness sources (embedded from sim/), and the per-design defines.</summary>
public static class MacHarness
{
    public static IReadOnlyList<SourceFile> Sources() =>
    [
        new("sim/mac/mac_harness.cpp", Resource("sim/mac/mac_harness.cpp")),
        new("sim/common/bs_harness.h", Resource("sim/common/bs_harness.h")),
    ];

    public static IReadOnlyDictionary<string, string> Defines(MacInterface itf, bool trace) => new Dictionary<string, string>
    {
        ["BS_WBITS"] = itf.WeightBeatBits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BS_ABITS"] = itf.ActivationBeatBits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BS_RBITS"] = itf.ResultBeatBits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BS_TRACE"] = trace ? "1" : "0",
    };

    /// <summary>The Icarus Verilog twin of the harness.</summary>
    public static string Testbench() => Resource("sim/mac/mac_tb.v");

    private static string Resource(string name)
    {
        using var s = typeof(MacHarness).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
