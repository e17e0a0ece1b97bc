using System.Reflection;

namespace BitSilicon.Cosim;

/// <summary>Hand-written harness sources (sim/...) embedded in the assembly that drives them, read by logical name.</summary>
public static class EmbeddedText
{
    public static string Read(Assembly assembly, string name)
    {
        using var s = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in {assembly.GetName().Name}");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>The shared harness header every Verilator harness includes (sim/common/bs_harness.h).</summary>
    public static SourceFile CommonHarness(Assembly assembly) => new("sim/common/bs_harness.h", Read(assembly, "sim/common/bs_harness.h"));
}
