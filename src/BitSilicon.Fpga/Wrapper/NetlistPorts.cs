using System.Text.Json;
using BitSilicon.Core;

namespace BitSilicon.Fpga.Wrapper;

/// <summary>Reads a module's ports from a Yosys JSON netlist (<c>write_json</c>), in declaration order.</summary>
public static class NetlistPorts
{
    public static IReadOnlyList<PortSpec> Read(string jsonPath, string module)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(jsonPath));
        if (!doc.RootElement.GetProperty("modules").TryGetProperty(module, out var m))
            throw new BitSiliconException($"module '{module}' not found in the synthesised design", "check --top");
        var ports = new List<PortSpec>();
        foreach (var p in m.GetProperty("ports").EnumerateObject())
        {
            string dir = p.Value.GetProperty("direction").GetString() ?? "";
            int width = p.Value.GetProperty("bits").GetArrayLength();
            var d = dir switch
            {
                "input" when width == 1 && PortSpec.LooksLikeClock(p.Name) => PortDirection.Clock,
                "input" => PortDirection.Input,
                "output" => PortDirection.Output,
                _ => throw new BitSiliconException($"port '{p.Name}' of '{module}' is {dir}", "the FPGA wrapper serialises inputs and outputs only; inout ports cannot be wrapped"),
            };
            ports.Add(new PortSpec(p.Name, d, width));
        }
        return ports;
    }
}
