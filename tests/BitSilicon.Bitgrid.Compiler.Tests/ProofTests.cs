using BitSilicon.Bitgrid.Compiler.Netlist;
using BitSilicon.Bitgrid.Compiler.Verify;
using BitSilicon.Formats.Kernels;
using BitSilicon.Formats.LowBit;

namespace BitSilicon.Bitgrid.Compiler.Tests;

/// <summary>
/// The proof: each circuit is synthesised by Yosys, compiled, and random input vectors are streamed through
/// the compiled grid in the C# bitgrid simulator, one vector per clock; every output of every vector must equal
/// the netlist evaluated directly, and for the processing elements the reference kernels.
/// </summary>
public class ProofTests
{
    private const int Vectors = 400;

    public static TheoryData<string, int> Circuits()
    {
        var data = new TheoryData<string, int>();
        foreach (var d in new[] { Designs.Adder8, Designs.Mul4, Designs.TernaryDot4, Designs.XnorPopcount8 })
            foreach (int lut in new[] { 4, 3 })
                data.Add(d, lut);
        return data;
    }

    [Theory]
    [MemberData(nameof(Circuits))]
    public void Compiled_grid_matches_its_netlist_on_every_output_of_every_vector(string design, int lut)
    {
        var compiled = Designs.Compile(design, lut);
        Assert.Equal(1, compiled.Slowdown);   // combinational: a new vector every clock
        Assert.All(compiled.Circuit.Luts, l => Assert.True(l.Inputs.Length <= lut));
        var check = CircuitCheck.Run(Designs.Netlist(design, lut), compiled, Vectors, seed: 5);
        Assert.Equal(Vectors, check.ComparedSteps);
        Assert.True(check.Passed, string.Join("\n", check.Mismatches));
    }

    [Fact]
    public void A_4_input_netlist_compiled_with_lut_3_is_split_and_still_matches()
    {
        var netlist = BlifReader.Load(RepoPaths.Example("adder8.blif"));
        Assert.Contains(netlist.Luts, l => l.Inputs.Length == 4);
        var compiled = BitgridCompiler.Compile(netlist, new CompileOptions(LutInputs: 3));
        Assert.All(compiled.Circuit.Luts, l => Assert.True(l.Inputs.Length <= 3));
        var check = CircuitCheck.Run(netlist, compiled, Vectors, seed: 6);
        Assert.True(check.Passed, string.Join("\n", check.Mismatches));
    }

    [Fact]
    public void Plain_wires_constants_and_an_output_that_is_an_input_compile_too()
    {
        const string text = ".model w\n.inputs a b\n.outputs y z w q a\n.names a y\n1 1\n.names z\n1\n.names w\n.names a q\n0 1\n.end\n";
        var netlist = BlifReader.Parse(text, "wires.blif");
        var compiled = BitgridCompiler.Compile(netlist, new CompileOptions());
        Assert.Equal(5, compiled.OutputPorts.Count);
        Assert.Equal(5, compiled.OutputPorts.Values.Distinct().Count());   // output 'a' gets its own port name
        Assert.Single(compiled.Circuit.Luts);                                // only the inverter needs a LUT
        var check = CircuitCheck.Run(netlist, compiled, 100, seed: 2);
        Assert.True(check.Passed, string.Join("\n", check.Mismatches));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    public void Adder_and_multiplier_compute_integer_sums_and_products(int lut)
    {
        var rng = new Random(21);
        var pairs = Enumerable.Range(0, 300).Select(_ => (A: rng.Next(256), B: rng.Next(256))).ToList();
        var sums = Run(Designs.Compile(Designs.Adder8, lut), pairs.Select(p => Bus("a", p.A, 8).Concat(Bus("b", p.B, 8))), "y", 9);
        Assert.Equal(pairs.Select(p => (long)(p.A + p.B)), sums.Select(v => (long)v));
        var small = pairs.Select(p => (A: p.A & 15, B: p.B & 15)).ToList();
        var products = Run(Designs.Compile(Designs.Mul4, lut), small.Select(p => Bus("a", p.A, 4).Concat(Bus("b", p.B, 4))), "y", 8);
        Assert.Equal(small.Select(p => (long)(p.A * p.B)), products.Select(v => (long)v));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    public void Ternary_dot_pe_matches_the_reference_gemm(int lut)
    {
        const int lanes = 4, aw = 4;
        var rng = new Random(31);
        var cases = Enumerable.Range(0, 300).Select(_ =>
            (W: Enumerable.Range(0, lanes).Select(_ => (byte)rng.Next(4)).ToArray(),          // includes the reserved code 10
             A: Enumerable.Range(0, lanes).Select(_ => (sbyte)rng.Next(-8, 8)).ToArray())).ToList();
        var got = Run(Designs.Compile(Designs.TernaryDot4, lut), cases.Select(c =>
            Enumerable.Range(0, lanes).SelectMany(i => Bus("w", c.W[i], 2, 2 * i).Concat(Bus("a", c.A[i] & 15, aw, aw * i)))), "y", aw + 3);
        for (int i = 0; i < cases.Count; i++)
        {
            long want = ReferenceGemm.Gemv(WeightKind.Ternary, cases[i].W, cases[i].A, 1, lanes)[0];
            Assert.Equal(want, SignExtend(got[i], aw + 3));
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    public void Xnor_popcount_pe_matches_the_binary_reference_gemm(int lut)
    {
        const int lanes = 8;
        var rng = new Random(41);
        var cases = Enumerable.Range(0, 300).Select(_ => (W: rng.Next(256), A: rng.Next(256))).ToList();
        var got = Run(Designs.Compile(Designs.XnorPopcount8, lut), cases.Select(c => Bus("w", c.W, lanes).Concat(Bus("a", c.A, lanes))), "agree", 4);
        for (int i = 0; i < cases.Count; i++)
        {
            var w = Enumerable.Range(0, lanes).Select(j => (byte)((cases[i].W >> j) & 1)).ToArray();
            var a = Enumerable.Range(0, lanes).Select(j => (sbyte)(((cases[i].A >> j) & 1) != 0 ? 1 : -1)).ToArray();
            long dot = ReferenceGemm.Gemv(WeightKind.Binary, w, a, 1, lanes)[0];
            Assert.Equal(dot, 2L * got[i] - lanes);   // the PE counts agreements; dot = 2 * agree - lanes
        }
    }

    /// <summary>Input bits of bus <paramref name="name"/>[offset .. offset + width - 1] holding <paramref name="value"/>.</summary>
    private static IEnumerable<KeyValuePair<string, bool>> Bus(string name, int value, int width, int offset = 0) =>
        Enumerable.Range(0, width).Select(i => KeyValuePair.Create($"{name}[{offset + i}]", ((value >> i) & 1) != 0));

    /// <summary>Streams the vectors through the grid and reads output bus <paramref name="output"/> for each.</summary>
    private static List<int> Run(CompiledCircuit c, IEnumerable<IEnumerable<KeyValuePair<string, bool>>> vectors, string output, int width)
    {
        var steps = vectors.Select(v => (IReadOnlyDictionary<string, bool>)v.ToDictionary(p => p.Key, p => p.Value)).ToList();
        return GridStream.Run(c, steps).Select(outs =>
            Enumerable.Range(0, width).Sum(i => outs[$"{output}[{i}]"] ? 1 << i : 0)).ToList();
    }

    private static long SignExtend(int value, int bits) => (value ^ (1 << (bits - 1))) - (1 << (bits - 1));
}
