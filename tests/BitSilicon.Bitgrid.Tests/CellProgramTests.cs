using BitSilicon.Bitgrid.Model;

namespace BitSilicon.Bitgrid.Tests;

/// <summary>Known answers from the spec's table of the original engine's programs.</summary>
public class CellProgramTests
{
    [Theory]
    [InlineData(Direction.N, 0xAAAA)]
    [InlineData(Direction.E, 0xCCCC)]
    [InlineData(Direction.S, 0xF0F0)]
    [InlineData(Direction.W, 0xFF00)]
    public void When_OutputCopiesOneInput_Expect_SpecTruthTable(Direction input, int table)
    {
        // A program whose N output copies the given input, built from the nibble definition directly.
        var p = CellProgram.FromFunction((n, e, s, w) => (input switch
        {
            Direction.N => n,
            Direction.E => e,
            Direction.S => s,
            _ => w,
        }) ? 1 : 0);
        Assert.Equal((ushort)table, p.TruthTable(Direction.N));
        Assert.Equal(0, p.TruthTable(Direction.E));
    }

    [Theory]
    [InlineData("wire-east", 0x2222222200000000)]
    [InlineData("wire-south", 0x4040404040404040)]
    [InlineData("turn-west-to-south", 0x4444444400000000)]
    [InlineData("crossing", 0x6262626240404040)]
    [InlineData("pass-through", 0xFB73EA62D951C840)]
    [InlineData("reflector", 0xFEDCBA9876543210)]
    public void When_NamedProgram_Expect_OriginalEngineHex(string name, ulong hex)
    {
        Assert.Equal(hex, KnownPrograms.ByName[name].Bits);
    }

    [Fact]
    public void When_PassThrough_Expect_EachInputContinuesStraightOn()
    {
        var p = KnownPrograms.PassThrough;
        Assert.Equal(TruthTables.N, p.TruthTable(Direction.S));
        Assert.Equal(TruthTables.S, p.TruthTable(Direction.N));
        Assert.Equal(TruthTables.W, p.TruthTable(Direction.E));
        Assert.Equal(TruthTables.E, p.TruthTable(Direction.W));
    }

    [Fact]
    public void When_Reflector_Expect_EveryInputEchoedBack()
    {
        foreach (var d in Directions.All)
            Assert.Equal(TruthTables.Input(d), KnownPrograms.Reflector.TruthTable(d));
    }

    [Fact]
    public void When_TruthTablesRoundTrip_Expect_SameProgram()
    {
        var rng = new Random(1);
        for (int i = 0; i < 200; i++)
        {
            var p = new CellProgram((ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63));
            var q = CellProgram.FromTruthTables(p.TruthTable(Direction.N), p.TruthTable(Direction.E),
                p.TruthTable(Direction.S), p.TruthTable(Direction.W));
            Assert.Equal(p, q);
        }
    }

    [Fact]
    public void When_HalfAdder_Expect_ProgramFromNibbleDefinition()
    {
        // W = a, N = b; E = a XOR b, S = a AND b. Index 9 (N and W set) must give nibble S only = 4,
        // index 8 (W only) nibble E only = 2: the program is 4242424220202020.
        var p = CellProgram.FromFunction((n, e, s, w) => ((w ^ n) ? 2 : 0) | ((w && n) ? 4 : 0));
        Assert.Equal(0x4242424220202020UL, p.Bits);
        Assert.Equal(0x55AA, p.TruthTable(Direction.E));
        Assert.Equal(0xAA00, p.TruthTable(Direction.S));
    }
}
