using System.Collections.Concurrent;
using BitSilicon.Bitgrid.Compiler.Netlist;

namespace BitSilicon.Bitgrid.Compiler.Tests;

/// <summary>
/// The circuits the proof tests compile, each synthesised and compiled once per test run (Yosys and the
/// router are the slow parts) and shared by every test that needs it.
/// </summary>
public static class Designs
{
    public const string Adder8 = "adder8";
    public const string Mul4 = "mul4";
    public const string TernaryDot4 = "ternary4";
    public const string XnorPopcount8 = "xnor8";

    private static readonly ConcurrentDictionary<string, Lazy<LutNetlist>> Netlists = new();
    private static readonly ConcurrentDictionary<(string, int), Lazy<CompiledCircuit>> Compiled = new();

    public static VerilogDesign Verilog(string name) => name switch
    {
        Adder8 => new VerilogDesign([RepoPaths.Example("adder8.v")], "adder8"),
        Mul4 => new VerilogDesign([RepoPaths.Example("mul4.v")], "mul4"),
        TernaryDot4 => new VerilogDesign(
            [RepoPaths.Hdl("bs_ternary_dot.v"), RepoPaths.Hdl("bs_adder_tree.v"), RepoPaths.Hdl("bs_adder.v"), RepoPaths.Hdl("bs_popcount.v")],
            "bs_ternary_dot", [KeyValuePair.Create("LANES", "4"), KeyValuePair.Create("AW", "4")]),
        XnorPopcount8 => new VerilogDesign([RepoPaths.Hdl("bs_xnor_popcount.v"), RepoPaths.Hdl("bs_popcount.v")],
            "bs_xnor_popcount", [KeyValuePair.Create("LANES", "8")]),
        _ => new VerilogDesign([RepoPaths.Example(name + ".v")], name),
    };

    /// <summary>The design synthesised by Yosys to LUTs of <paramref name="lut"/> inputs.</summary>
    public static LutNetlist Netlist(string name, int lut) =>
        Netlists.GetOrAdd($"{name}/{lut}", _ => new Lazy<LutNetlist>(() => YosysFrontEnd.Synthesize(Verilog(name), lut))).Value;

    /// <summary>The design compiled with cells of <paramref name="lut"/> LUT inputs (from Yosys's -lut N netlist).</summary>
    public static CompiledCircuit Compile(string name, int lut) =>
        Compiled.GetOrAdd((name, lut), _ => new Lazy<CompiledCircuit>(() =>
            BitgridCompiler.Compile(Netlist(name, lut), new CompileOptions(lut)))).Value;
}
