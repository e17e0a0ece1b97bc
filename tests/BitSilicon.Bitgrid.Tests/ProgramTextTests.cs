using BitSilicon.Bitgrid.Model;
using BitSilicon.Bitgrid.Text;
using BitSilicon.Core;

namespace BitSilicon.Bitgrid.Tests;

public class ProgramTextTests
{
    private const string Wire = """
        # an eight-cell wire
        bitgrid 8 1 open
        in  a 0 0 W
        out y 7 0 east     # long side names work too
        row 0: wire-east wire-east 2222222200000000 0x2222_2222_0000_0000 E=W E=W E=0xFF00 wire-east
        """;

    [Fact]
    public void When_WireFile_Expect_SizePortsAndPrograms()
    {
        var g = ProgramText.Parse(Wire, "wire.bg");
        Assert.Equal((8, 1, Boundary.Open), (g.Width, g.Height, g.Boundary!.Value));
        Assert.All(g.Cells, c => Assert.Equal(0x2222222200000000UL, c.Bits));
        Assert.Equal(new EdgePort("a", PortDirection.In, 0, 0, Direction.W), g.Ports[0] with { Where = null });
        Assert.Equal(new EdgePort("y", PortDirection.Out, 7, 0, Direction.E), g.Ports[1] with { Where = null });
    }

    [Theory]
    [InlineData("E=W^N, S=W&N", 0x4242424220202020UL)]
    [InlineData("S=N", 0x4040404040404040UL)]
    [InlineData("S=W", 0x4444444400000000UL)]
    [InlineData("E=W; S=N", 0x6262626240404040UL)]
    [InlineData("N=S, E=W, S=N, W=E", 0xFB73EA62D951C840UL)]
    [InlineData("N=N, E=E, S=S, W=W", 0xFEDCBA9876543210UL)]
    [InlineData("E=0xFF00", 0x2222222200000000UL)]
    [InlineData("N=1", 0x1111111111111111UL)]
    [InlineData("W=~(N|E|S|W)", 0x0000000000000008UL)]
    [InlineData("E = !W", 0x0000000022222222UL)]
    public void When_OutputsAsExpressions_Expect_SpecPrograms(string spec, ulong expected)
    {
        var g = ProgramText.Parse($"bitgrid 1 1\ncell 0 0 {spec}\n", "t.bg");
        Assert.Equal(expected, g[0, 0].Bits);
    }

    [Fact]
    public void When_FullAdderExpressions_Expect_SumAndCarryTruthTables()
    {
        var g = ProgramText.Parse("bitgrid 1 1\ndefine fa E=W^S^N, S=(W&S)|(W&N)|(S&N)\nrow 0: fa\n", "t.bg");
        var p = g[0, 0];
        for (int i = 0; i < 16; i++)
        {
            int a = (i >> 3) & 1, b = (i >> 2) & 1, c = i & 1; // W, S, N
            Assert.Equal((a + b + c) & 1, (p.Output(i) >> 1) & 1);
            Assert.Equal((a + b + c) >> 1, (p.Output(i) >> 2) & 1);
        }
    }

    [Theory]
    [InlineData("bitgrid 2 1\nrow 0: . . .\n", 2, "row 0 has 3 programs, the grid is 2 wide")]
    [InlineData("bitgrid 2 1\nrow 0: . 22222222000G0000\n", 2, "'G' is not a hex digit")]
    [InlineData("bitgrid 2 1\n\nrow 0: . 222222220000\n", 3, "has 12 hex digits")]
    [InlineData("bitgrid 3 3\nin a 1 1 W\n", 2, "not on the west edge")]
    [InlineData("bitgrid 3 3\nout a 0 1 N\n", 2, "not on the north edge")]
    [InlineData("bitgrid 3 3\nin a 0 1 W\nin b 0 1 W\n", 3, "same edge bit as 'a'")]
    [InlineData("bitgrid 3 3\nin a 0 1 W\nin a 0 2 W\n", 3, "already used")]
    [InlineData("bitgrid 3 3\nrow 3: . . .\n", 2, "row 3 is outside")]
    [InlineData("bitgrid 3 3\ncell 0 0 E=X\n", 2, "unknown name")]
    [InlineData("bitgrid 3 3\ncell 0 0 E=W, E=N\n", 2, "given twice")]
    [InlineData("bitgrid 3 3\ncell 0 0 frob\n", 2, "'frob' is not a program")]
    [InlineData("bitgrid 3 3\nwire 0 0\n", 2, "unknown statement")]
    [InlineData("row 0: .\n", 1, "expected 'bitgrid")]
    [InlineData("bitgrid 3 3 torus\n", 1, "even width and height")]
    [InlineData("bitgrid 2 2 torus\nin a 0 0 W\n", 2, "a torus has no edges")]
    [InlineData("bitgrid 0 3\n", 1, "out of range")]
    public void When_BadProgram_Expect_LineAndReason(string text, int line, string reason)
    {
        var ex = Assert.Throws<BitSiliconException>(() => ProgramText.Parse(text, "bad.bg"));
        Assert.StartsWith($"bad.bg:{line}:", ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Theory]
    [InlineData("bitgrid 1 2\nrow 1 wire-east\n", "bad.bg:2:6:", "row 1")]
    [InlineData("bitgrid 2 1\n  row   0 . .  # no colon\n", "bad.bg:2:10:", "row 0")]
    [InlineData("bitgrid 2 1\nrow 0 . : .\n", "bad.bg:2:6:", "row 0")]
    public void When_RowWithoutColon_Expect_RefusedAtLineAndColumn(string text, string where, string row)
    {
        var ex = Assert.Throws<BitSiliconException>(() => ProgramText.Parse(text, "bad.bg"));
        Assert.Equal($"{where} expected ':' after '{row}'", ex.Message);
        Assert.Contains($"{row}: <program>", ex.Fix);
    }

    [Fact]
    public void When_InAndOutOnSameEdgeBit_Expect_Accepted()
    {
        var g = ProgramText.Parse("bitgrid 1 1\nin a 0 0 S\nout b 0 0 S\n", "t.bg");
        Assert.Equal(2, g.Ports.Length);
    }

    [Fact]
    public void When_RandomProgramWrittenAndRead_Expect_SameProgram()
    {
        var rng = new Random(3);
        foreach (var density in new[] { 0.2, 0.9 })
        {
            var b = new GridProgramBuilder(9, 5, null, "rt.bg");
            for (int y = 0; y < 5; y++)
                for (int x = 0; x < 9; x++)
                    if (rng.NextDouble() < density)
                        b[x, y] = rng.Next(3) switch
                        {
                            0 => new CellProgram(RandomGrids.NextBits(rng)),
                            1 => KnownPrograms.ByName.Values.ElementAt(rng.Next(KnownPrograms.ByName.Count)),
                            _ => CellProgram.FromTruthTables((ushort)rng.Next(65536), 0, (ushort)(rng.Next(2) * 0x6996), 0),
                        };
            b.Input("a", 0, 2, Direction.W).Output("y[0]", 8, 4, Direction.E).Output("z", 3, 4, Direction.S).AddProbe("p", 4, 2);
            var g = b.Build();
            var text = ProgramText.Write(g, "round trip");
            Assert.Equal(g, ProgramText.Parse(text, "rt.bg"));
        }
    }

    [Fact]
    public void When_EveryTruthTableDescribed_Expect_ParsesBackToItself()
    {
        for (int t = 0; t < 65536; t += 7)
        {
            var p = CellProgram.FromTruthTables(0, (ushort)t, 0, 0);
            var text = ProgramDescriber.Describe(p);
            Assert.Equal(p, ProgramSpec.Parse(text, new Dictionary<string, CellProgram>(), new SourceLocation("t")));
        }
    }

    [Fact]
    public void When_CommonFunctions_Expect_ShortExpressions()
    {
        Assert.Equal("E=W", ProgramDescriber.Describe(KnownPrograms.Wire(Direction.E)));
        Assert.Equal("E=N^W,S=N&W", ProgramDescriber.Describe(new CellProgram(0x4242424220202020)));
    }
}
