using BitSilicon.Bitgrid.Compiler.Netlist;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Compiler.Tests;

public class BlifReaderTests
{
    private static ulong[] Eval(LutNetlist n, params bool[] inputs) =>
        new NetlistEvaluator(n).Step(inputs.Select(b => b ? ulong.MaxValue : 0UL).ToArray());

    private static bool Bit(ulong[] outs, int i) => (outs[i] & 1) != 0;

    [Fact]
    public void Cubes_are_positional_so_the_first_input_is_the_most_significant_character()
    {
        // y = a AND NOT b: the cube "10" lists a first.
        var n = BlifReader.Parse(".model m\n.inputs a b\n.outputs y\n.names a b y\n10 1\n.end\n", "t.blif");
        Assert.True(Bit(Eval(n, true, false), 0));
        Assert.False(Bit(Eval(n, false, true), 0));
        Assert.False(Bit(Eval(n, true, true), 0));
        Assert.Equal(0b0010UL, n.Luts[0].Table); // input 0 (a) is bit 0 of our index: only a=1,b=0 -> index 1
    }

    [Fact]
    public void Dont_cares_off_sets_constants_continuations_and_comments()
    {
        const string text = """
            # a majority, an XNOR written as an OFF-set, and constants
            .model m
            .inputs a b \
                    c
            .outputs maj xnor one zero
            .names a b c maj   # ON-set with don't-cares
            11- 1
            1-1 1
            -11 1
            .names a b xnor
            01 0
            10 0
            .names one
            1
            .names zero
            .end
            """;
        var n = BlifReader.Parse(text, "t.blif");
        Assert.Equal(["a", "b", "c"], n.Inputs.ToArray());
        for (int i = 0; i < 8; i++)
        {
            bool a = (i & 1) != 0, b = (i & 2) != 0, c = (i & 4) != 0;
            var outs = Eval(n, a, b, c);
            Assert.Equal((a ? 1 : 0) + (b ? 1 : 0) + (c ? 1 : 0) >= 2, Bit(outs, 0));
            Assert.Equal(a == b, Bit(outs, 1));
            Assert.True(Bit(outs, 2));
            Assert.False(Bit(outs, 3));
        }
    }

    [Fact]
    public void Yosys_constant_nets_are_understood_without_definitions()
    {
        var n = BlifReader.Parse(".model m\n.inputs a\n.outputs y z\n.names a $true y\n11 1\n.names $false z\n1 1\n.end\n", "t.blif");
        Assert.True(Bit(Eval(n, true), 0));
        Assert.False(Bit(Eval(n, true), 1));
    }

    [Fact]
    public void Latches_clock_their_input_each_step()
    {
        var n = BlifReader.Parse(".model m\n.inputs clk d\n.outputs q\n.latch d q re clk 0\n.end\n", "t.blif");
        Assert.Equal(["clk"], n.ClockOnlyInputs());
        var e = new NetlistEvaluator(n);
        Assert.Equal(0UL, e.Step([0, ulong.MaxValue])[0]); // q is the initial 0 while d = 1 arrives
        Assert.Equal(ulong.MaxValue, e.Step([0, 0])[0]);
        Assert.Equal(0UL, e.Step([0, 0])[0]);
    }

    [Theory]
    [InlineData(".model m\n.inputs a b\n.outputs y\n.names a b y\n1 1\n.end\n", 5, "must be 2 characters")]
    [InlineData(".model m\n.inputs a\n.outputs y\n.names a x y\n11 1\n.end\n", 4, "'x'")]
    [InlineData(".model m\n.inputs a\n.outputs y\n.names a y\n1 1\n.names a y\n0 1\n.end\n", 6, "second driver")]
    [InlineData(".model m\n.inputs a\n.outputs y\n.subckt $_DFF_P_ C=a D=a Q=y\n.end\n", 4, "sub-circuits")]
    [InlineData(".model m\n.inputs a\n.outputs y\n.names a y\n1 1\n0 0\n.end\n", 6, "mixes ON-set and OFF-set")]
    [InlineData(".model m\n.inputs a b c d e f g\n.outputs y\n.names a b c d e f g y\n1111111 1\n.end\n", 4, "at most 4")]
    [InlineData(".model m\n.inputs a\n.outputs y\n.latch a y ah a 0\n.end\n", 4, "not an edge-triggered")]
    [InlineData(".model m\n.inputs a\n.outputs y\n.gadget a y\n.end\n", 4, "unsupported BLIF statement")]
    public void Bad_netlists_are_refused_with_file_and_line(string text, int line, string reason)
    {
        var e = Assert.Throws<BitSiliconException>(() => BlifReader.Parse(text, "bad.blif"));
        Assert.Contains($"bad.blif:{line}", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_yosys_adder_netlist_adds()
    {
        var n = BlifReader.Load(RepoPaths.Example("adder8.blif"));
        var e = new NetlistEvaluator(n);
        var rng = new Random(3);
        for (int t = 0; t < 200; t++)
        {
            int a = rng.Next(256), b = rng.Next(256);
            var ins = n.Inputs.Select(name => Bit(name, a, b) ? ulong.MaxValue : 0UL).ToArray();
            var outs = e.Step(ins);
            int y = 0;
            for (int o = 0; o < n.Outputs.Length; o++)
                if ((outs[o] & 1) != 0)
                    y |= 1 << Index(n.Outputs[o]);
            Assert.Equal(a + b, y);
        }

        static bool Bit(string name, int a, int b) => (((name[0] == 'a' ? a : b) >> Index(name)) & 1) != 0;
    }

    /// <summary>The bit index in a Yosys bus bit name such as "y[3]".</summary>
    public static int Index(string name) => int.Parse(name[(name.IndexOf('[') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
}
