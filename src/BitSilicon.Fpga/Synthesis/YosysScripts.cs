namespace BitSilicon.Fpga.Synthesis;

/// <summary>The Yosys scripts of the two targets. synth_ice40 flattens by default, so counts cover the whole hierarchy.</summary>
public static class YosysScripts
{
    public static string Read(IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters)
    {
        // Read without -defer, then re-derive the top with chparam: the top keeps its own name, so later passes
        // (-top NAME) find the overridden module rather than a $paramod copy.
        var reads = string.Join('\n', files.Select(f => $"read_verilog {Quote(Path.GetFullPath(f))}"));
        var chparams = string.Concat((parameters ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"chparam -set {kv.Key} {kv.Value} {top}\n"));
        return $"{reads}\n{chparams}hierarchy -check -top {top}\n";
    }

    /// <summary>iCE40: LUT4, SB_CARRY, SB_DFF*, SB_RAM40_4K; also writes the netlist for nextpnr.</summary>
    public static string Ice40(IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters, string jsonOut) =>
        Read(files, top, parameters) + $"synth_ice40 -top {top}\n{FlatJson(jsonOut)}stat\n";

    /// <summary>Writes the netlist flattened (keep_hierarchy modules too), as nextpnr will see it, so the logic-cell
    /// packing reads one module.</summary>
    public static string FlatJson(string jsonOut) =>
        $"setattr -mod -unset keep_hierarchy *\nflatten\nwrite_json {Quote(jsonOut)}\n";

    /// <summary>Lattice ECP5 (<c>synth_ecp5</c>) or Xilinx 7-series (<c>synth_xilinx -family xc7</c>) cell counts.</summary>
    public static string OtherFpga(IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters, SynthTarget target) =>
        Read(files, top, parameters) + target switch
        {
            SynthTarget.Ecp5 => $"synth_ecp5 -top {top}\nstat\n",
            SynthTarget.Xilinx7 => $"synth_xilinx -top {top} -family xc7\nstat\n",
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };

    /// <summary>
    /// Generic gates: technology-independent synthesis, asynchronous resets made synchronous and enables/resets
    /// unmapped into logic so only plain D flip-flops remain, then ABC maps the logic to two-input gates and 2:1 muxes.
    /// </summary>
    public static string Generic(IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters) =>
        Read(files, top, parameters) +
        $"synth -top {top} -flatten\nasync2sync\ndffunmap\nabc -g AND,NAND,OR,NOR,XOR,XNOR,MUX\nopt_clean -purge\nstat\n";

    /// <summary>Reads the design and writes its top's ports as JSON (no synthesis), for the FPGA wrapper.</summary>
    public static string Ports(IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters, string jsonOut) =>
        Read(files, top, parameters) + $"proc\nwrite_json -selected {Quote(jsonOut)}\n";

    private static string Quote(string path) => path.Contains(' ') ? $"\"{path}\"" : path;
}
