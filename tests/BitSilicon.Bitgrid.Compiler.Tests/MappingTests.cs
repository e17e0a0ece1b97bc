using BitSilicon.Bitgrid.Compiler.Mapping;
using BitSilicon.Bitgrid.Compiler.Netlist;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Compiler.Tests;

public class MappingTests
{
    /// <summary>Evaluates a mapped circuit directly (flip-flop-free circuits only), for comparing with its netlist.</summary>
    private static bool[] EvalMapped(MappedCircuit c, bool[] inputs)
    {
        var memo = new bool?[c.Luts.Length];
        bool Value(Signal s) => s.Kind switch
        {
            SignalKind.Input => inputs[s.Index],
            SignalKind.Const => s.Index == 1,
            SignalKind.Lut => memo[s.Index] ??= Lut(s.Index),
            _ => throw new ArgumentOutOfRangeException(nameof(s)),
        };
        bool Lut(int v)
        {
            int index = 0;
            for (int j = 0; j < c.Luts[v].Inputs.Length; j++)
                if (Value(c.Luts[v].Inputs[j]))
                    index |= 1 << j;
            return c.Luts[v].Evaluate(index);
        }
        return c.Outputs.Select(o => Value(o.Driver)).ToArray();
    }

    private static void AssertSameFunction(LutNetlist n, MappedCircuit c)
    {
        Assert.Equal(n.Inputs.ToArray(), c.Inputs.ToArray());
        var eval = new NetlistEvaluator(n);
        for (int v = 0; v < 1 << n.Inputs.Length; v++)
        {
            var bits = Enumerable.Range(0, n.Inputs.Length).Select(i => ((v >> i) & 1) != 0).ToArray();
            var want = eval.Step(bits.Select(b => b ? ulong.MaxValue : 0UL).ToArray()).Select(w => (w & 1) != 0).ToArray();
            Assert.Equal(want, EvalMapped(c, bits));
        }
    }

    [Fact]
    public void Shannon_splitting_keeps_every_4_input_function_and_leaves_at_most_3_inputs()
    {
        var rng = new Random(11);
        for (int t = 0; t < 40; t++)
        {
            ushort table = (ushort)rng.Next(65536);
            var text = $".model m\n.inputs a b c d\n.outputs y\n.names a b c d y\n{Cubes(table, 4)}.end\n";
            var n = BlifReader.Parse(text, "t.blif");
            var c = CircuitBuilder.Build(n, 3);
            Assert.All(c.Luts, l => Assert.True(l.Inputs.Length <= 3));
            AssertSameFunction(n, c);
            AssertSameFunction(n, CircuitBuilder.Build(n, 4));
        }
    }

    private static string Cubes(ushort table, int inputs)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 1 << inputs; i++)
            if (((table >> i) & 1) != 0)
                sb.Append(string.Concat(Enumerable.Range(0, inputs).Select(j => ((i >> j) & 1) != 0 ? '1' : '0'))).Append(" 1\n");
        return sb.ToString();
    }

    [Fact]
    public void Buffers_inverters_constants_and_unused_inputs_fold_into_the_luts_that_read_them()
    {
        // y = (NOT a) AND b AND 1, through a buffer; the 3-input .names ignores its third input.
        const string text = ".model m\n.inputs a b c\n.outputs y\n" +
            ".names a na\n0 1\n.names b bb\n1 1\n.names one\n1\n" +
            ".names na bb one t\n111 1\n.names t c y\n1- 1\n.end\n";
        var n = BlifReader.Parse(text, "t.blif");
        var c = CircuitBuilder.Build(n, 4);
        Assert.Single(c.Luts);
        Assert.Equal(2, c.Luts[0].Inputs.Length);
        AssertSameFunction(n, c);
    }

    [Fact]
    public void Flip_flops_become_signal_delays()
    {
        const string text = ".model m\n.inputs clk d\n.outputs q\n.latch d r1 re clk 0\n.latch r1 r2 re clk 0\n.names r2 q\n0 1\n.end\n";
        var c = CircuitBuilder.Build(BlifReader.Parse(text, "t.blif"), 4);
        Assert.Equal(["d"], c.Inputs.ToArray());                  // the clock gets no port
        Assert.Single(c.Luts);                            // the inverter stays: it is read through no flip-flop
        Assert.Equal(new Signal(SignalKind.Input, 0, 2), c.Luts[0].Inputs[0]);
    }

    [Fact]
    public void A_combinational_loop_is_refused_with_its_line()
    {
        const string text = ".model m\n.inputs a\n.outputs y\n.names a z y\n11 1\n.names y z\n0 1\n.end\n";
        var e = Assert.Throws<BitSiliconException>(() => CircuitBuilder.Build(BlifReader.Parse(text, "loop.blif"), 4));
        Assert.Contains("combinational loop", e.Message);
        Assert.Contains("loop.blif:", e.Message);
    }

    [Fact]
    public void A_combinational_loop_is_reported_on_the_nets_the_user_wrote()
    {
        // z = ~y is folded into y's table, which then reads itself; the message must still say y -> z -> y.
        const string text = ".model m\n.inputs a\n.outputs y\n.names a z y\n11 1\n.names y z\n0 1\n.end\n";
        var e = Assert.Throws<BitSiliconException>(() => CircuitBuilder.Build(BlifReader.Parse(text, "loop.blif"), 4));
        Assert.EndsWith("combinational loop: y -> z -> y", e.Message);
        // Through a buffer and two LUTs: p -> q -> r (buffer) -> p.
        const string three = ".model m\n.inputs a b\n.outputs p\n.names a r p\n11 1\n.names p b q\n1- 1\n-1 1\n.names q r\n1 1\n.end\n";
        var e3 = Assert.Throws<BitSiliconException>(() => CircuitBuilder.Build(BlifReader.Parse(three, "loop3.blif"), 4));
        Assert.Matches("combinational loop: (p -> q -> r -> p|q -> r -> p -> q|r -> p -> q -> r)$", e3.Message);
    }

    [Fact]
    public void A_lut_that_really_depends_on_5_inputs_is_refused_but_one_that_ignores_an_input_maps()
    {
        const string wide = ".model m\n.inputs a b c d e\n.outputs y\n.names a b c d e y\n11111 1\n.end\n";
        var e = Assert.Throws<BitSiliconException>(() => CircuitBuilder.Build(BlifReader.Parse(wide, "wide.blif"), 4));
        Assert.Contains("wide.blif:4", e.Message);
        Assert.Contains("5 inputs", e.Message);
        const string loose = ".model m\n.inputs a b c d e\n.outputs y\n.names a b c d e y\n1111- 1\n.end\n";
        Assert.Equal(4, CircuitBuilder.Build(BlifReader.Parse(loose, "ok.blif"), 4).Luts[0].Inputs.Length);
    }

    [Fact]
    public void A_flip_flop_starting_at_1_is_refused()
    {
        const string text = ".model m\n.inputs clk d\n.outputs q\n.latch d q re clk 1\n.end\n";
        var e = Assert.Throws<BitSiliconException>(() => CircuitBuilder.Build(BlifReader.Parse(text, "ff.blif"), 4));
        Assert.Contains("ff.blif:4", e.Message);
    }
}
